using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>One data row of a <see cref="PublishedNoiseCsv"/>: its 1-based line in the file and its trimmed cells.</summary>
internal readonly record struct NoiseCsvRow(int Line, ImmutableArray<string> Cells);
