using PerfModel.Units;

namespace PerfModel.Memory;

/// <summary>Part of a rank's footprint that lives on one page size.</summary>
/// <param name="Page">The page size.</param>
/// <param name="Bytes">How much of the footprint is on pages of that size.</param>
public sealed record PageShare(ByteSize Page, ByteSize Bytes);
