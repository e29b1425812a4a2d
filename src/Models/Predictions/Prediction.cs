using System.Collections.Immutable;
using System.Globalization;

namespace PerfModel.Predictions;

/// <summary>The model's answer for one application on one OS at one node count. Complete when constructed.</summary>
/// <param name="App">Application identifier.</param>
/// <param name="Os">OS identifier.</param>
/// <param name="Nodes">Nodes.</param>
/// <param name="Cores">Application cores in use: ranks × threads.</param>
/// <param name="Ranks">MPI ranks.</param>
/// <param name="RuntimeSeconds">Predicted time of the timed iterations.</param>
/// <param name="Fom">Figure of merit.</param>
/// <param name="FomUnit">Its unit.</param>
/// <param name="HigherIsBetter">Whether a larger FOM is better.</param>
/// <param name="Breakdown">Runtime by mechanism (sums to <paramref name="RuntimeSeconds"/>).</param>
/// <param name="Diagnostics">Intermediate values with unit-suffixed keys (hbmFraction, heapFaultsPerIteration, offNodeFraction…).</param>
/// <param name="Regimes">Discrete outcomes: placement ("fits-hbm" | "spills-to-ddr" | "ddr-only"), tlb (dominant page size).</param>
/// <param name="Notes">Warnings such as extrapolation beyond the machine.</param>
public sealed record Prediction(
    string App,
    string Os,
    int Nodes,
    long Cores,
    long Ranks,
    double RuntimeSeconds,
    double Fom,
    string FomUnit,
    bool HigherIsBetter,
    Breakdown Breakdown,
    ImmutableSortedDictionary<string, double> Diagnostics,
    ImmutableSortedDictionary<string, string> Regimes,
    ImmutableArray<string> Notes)
{
    /// <summary>Relative performance against a baseline as P18 plots it: FOM ratio, &gt; 1 means faster than the baseline.</summary>
    public double RelativeTo(Prediction baseline)
    {
        if (baseline.App != App || baseline.Nodes != Nodes)
            throw new ArgumentException($"baseline is {baseline.App} at {baseline.Nodes} nodes, but this prediction is {App} at {Nodes} nodes", nameof(baseline));
        return HigherIsBetter ? Fom / baseline.Fom : baseline.Fom / Fom;
    }

    /// <summary>E[Z_(1:5)] and E[Z_(5:5)] of five standard normal draws (Harter, Biometrika 48, 1961): ∓1.16296.</summary>
    public const double NormalMaxOfFive = 1.1629644736405196;

    /// <summary>
    /// Expected fastest and slowest runtime of five runs (P18's error bars are min/max of 5): the runtime is a sum of
    /// independent synchronised steps whose noise variance comes from the closed form's step law, so by the central limit
    /// theorem runtime ≈ Normal(mean, σ²) with σ = Diagnostics["runtimeStdDevSeconds"], and E[min/max of 5] = mean ∓ 1.163σ.
    /// </summary>
    public (double MinSeconds, double MaxSeconds) RuntimeRangeOfFiveRuns()
    {
        var sd = Diagnostics.TryGetValue("runtimeStdDevSeconds", out var v) ? v : 0;
        return (Math.Max(0, RuntimeSeconds - NormalMaxOfFive * sd), RuntimeSeconds + NormalMaxOfFive * sd);
    }

    /// <summary>The figure of merit at a given runtime (FOM scales as 1/runtime when higher is better, as runtime otherwise).</summary>
    public double FomAt(double runtimeSeconds) => HigherIsBetter ? Fom * RuntimeSeconds / runtimeSeconds : Fom * runtimeSeconds / RuntimeSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{App} on {Os} at {Nodes} nodes: {RuntimeSeconds:G4} s, FOM {Fom:G5} {FomUnit}");
}
