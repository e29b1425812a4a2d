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

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{App} on {Os} at {Nodes} nodes: {RuntimeSeconds:G4} s, FOM {Fom:G5} {FomUnit}");
}
