namespace PerfModel.Calibration.Fitting;

/// <summary>TLB reach per level and miss penalties fitted from a pointer chase with pages of <paramref name="PageBytes"/>.</summary>
public sealed record TlbFitResult(ParameterEstimate FirstLevelReach, ParameterEstimate SecondLevelReach, ParameterEstimate FirstLevelMissPenalty,
    ParameterEstimate WalkPenalty, double PageBytes)
{
    /// <summary>Entries of each level: reach / page size.</summary>
    public int FirstLevelEntries => (int)Math.Max(1, Math.Round(FirstLevelReach.Value / PageBytes));

    public int SecondLevelEntries => (int)Math.Max(1, Math.Round(SecondLevelReach.Value / PageBytes));
}
