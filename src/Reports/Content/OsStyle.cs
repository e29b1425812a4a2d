namespace PerfModel.Reports.Content;

/// <summary>One colour and display name per OS, used consistently in every figure.</summary>
public static class OsStyle
{
    public static string Colour(string os) => os switch
    {
        "linux" => "#4d4d4d",
        "mckernel" => "#d62728",
        "mos" => "#1f77b4",
        _ => "#2ca02c",
    };

    public static string Display(string os) => os switch
    {
        "linux" => "Linux",
        "mckernel" => "McKernel",
        "mos" => "mOS",
        _ => os,
    };

    /// <summary>Colours of the breakdown mechanisms (stacked attribution charts).</summary>
    public static string Mechanism(PerfModel.Predictions.Mechanism m) => m switch
    {
        PerfModel.Predictions.Mechanism.Compute => "#8c8c8c",
        PerfModel.Predictions.Mechanism.Memory => "#9467bd",
        PerfModel.Predictions.Mechanism.Tlb => "#17becf",
        PerfModel.Predictions.Mechanism.Heap => "#ff7f0e",
        PerfModel.Predictions.Mechanism.Noise => "#d62728",
        PerfModel.Predictions.Mechanism.Communication => "#2ca02c",
        _ => "#e377c2",
    };
}
