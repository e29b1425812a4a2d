namespace PerfModel.Calibration.Fitting;

/// <summary>TLB reach per level and miss penalties fitted from a pointer chase with pages of <paramref name="PageSize"/>.</summary>
/// <param name="FirstLevelReach">Working set (bytes) the first-level TLB covers: the size before the first knee.</param>
/// <param name="SecondLevelReach">Working set (bytes) the second-level TLB covers: the size before the second knee.</param>
/// <param name="FirstLevelMissPenalty">Seconds a first-level miss that hits the second level adds to an access.</param>
/// <param name="WalkPenalty">Seconds a page walk (miss in both levels) adds on top of that.</param>
/// <param name="PageSize">Page size of the chase.</param>
public sealed record TlbFitResult(ParameterEstimate FirstLevelReach, ParameterEstimate SecondLevelReach, ParameterEstimate FirstLevelMissPenalty,
    ParameterEstimate WalkPenalty, ByteSize PageSize)
{
    /// <summary>Entries of the first level: reach / page size, rounded, at least 1.</summary>
    public int FirstLevelEntries => (int)Math.Max(1, Math.Round(FirstLevelReach.Value / PageSize.Bytes));

    /// <summary>Entries of the second level: reach / page size, rounded, at least 1.</summary>
    public int SecondLevelEntries => (int)Math.Max(1, Math.Round(SecondLevelReach.Value / PageSize.Bytes));
}
