using System.Globalization;
using System.Text;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Simulation;
using PerfModel.Reports.Formats;

namespace PerfModel.Cli;

/// <summary>One line of <c>perfmodel noise</c> output (seconds, as the CSV and JSON write them).</summary>
/// <param name="Method">"closed" or "simulate".</param>
/// <param name="Ranks">P.</param>
/// <param name="WorkSeconds">W.</param>
/// <param name="RoundSeconds">c.</param>
/// <param name="StepSeconds">E[step].</param>
/// <param name="NoiseFreeSeconds">The step without noise.</param>
/// <param name="Slowdown">E[step] / noise-free step.</param>
/// <param name="MedianSeconds">Median step (closed form) or mean step (simulation).</param>
/// <param name="P99Seconds">99th percentile (closed form) or mean of the slowest rank (simulation).</param>
/// <param name="ErrorSeconds">Lattice error bound (closed form) or standard error (simulation).</param>
/// <param name="RunMinSeconds">Expected fastest of k runs.</param>
/// <param name="RunMedianSeconds">Expected median of k runs.</param>
/// <param name="RunMaxSeconds">Expected slowest of k runs.</param>
public sealed record NoiseRow(
    string Method,
    double Ranks,
    double WorkSeconds,
    double RoundSeconds,
    double StepSeconds,
    double NoiseFreeSeconds,
    double Slowdown,
    double MedianSeconds,
    double P99Seconds,
    double ErrorSeconds,
    double RunMinSeconds,
    double RunMedianSeconds,
    double RunMaxSeconds)
{
    /// <summary>A closed-form row.</summary>
    public static NoiseRow FromClosedForm(double ranks, StepShape shape, ClosedFormResult r) =>
        new("closed", ranks, shape.Work.Seconds, shape.Round.Seconds, r.MeanStep.Seconds, r.NoiseFree.Seconds, r.Slowdown, r.Median.Seconds, r.P99.Seconds,
            r.ErrorBound.Seconds, r.Runs.Min.Seconds, r.Runs.Median.Seconds, r.Runs.Max.Seconds);

    /// <summary>A simulated row: ErrorSeconds holds the standard error of the mean; P99Seconds the mean over trials of the
    /// slowest rank (no percentiles are estimated from trial means).</summary>
    public static NoiseRow FromSimulation(double ranks, StepShape shape, NoiseProfile noise, int trials, ulong seed)
    {
        var r = NoiseSimulator.Simulate(noise, shape, (long)ranks, new SimulationOptions(trials, seed));
        var noiseFree = shape.NoiseFree(ranks).Seconds;
        return new("simulate", ranks, shape.Work.Seconds, shape.Round.Seconds, r.MeanStepSeconds, noiseFree, noiseFree > 0 ? r.MeanStepSeconds / noiseFree : 1,
            r.MeanStepSeconds, r.MeanMaxStepSeconds, r.StandardErrorSeconds, r.MeanStepSeconds, r.MeanStepSeconds, r.MeanStepSeconds);
    }

    /// <summary>The rows as CSV (invariant culture, round-trip doubles).</summary>
    public static string ToCsv(IEnumerable<NoiseRow> rows)
    {
        var sb = new StringBuilder("method,ranks,work_s,round_s,step_s,noise_free_s,slowdown,median_s,p99_s,error_s,run_min_s,run_median_s,run_max_s\n");
        foreach (var r in rows)
            sb.Append(string.Join(',', r.Method, R(r.Ranks), R(r.WorkSeconds), R(r.RoundSeconds), R(r.StepSeconds), R(r.NoiseFreeSeconds), R(r.Slowdown),
                R(r.MedianSeconds), R(r.P99Seconds), R(r.ErrorSeconds), R(r.RunMinSeconds), R(r.RunMedianSeconds), R(r.RunMaxSeconds))).Append('\n');
        return sb.ToString();
    }

    /// <summary>The rows as an aligned text table under the noise spec.</summary>
    public static string ToText(IReadOnlyList<NoiseRow> rows, string spec, int runs)
    {
        var simulated = rows.Any(r => r.Method == "simulate");
        var table = new List<string[]>
        {
            simulated
                ? ["ranks", "step", "±3 s.e.", "noise-free", "slowdown", "mean of max rank", "", ""]
                : ["ranks", "step", "± bound", "noise-free", "slowdown", "median", "p99", $"min/median/max of {runs} runs"],
        };
        foreach (var r in rows)
            table.Add(simulated
                ? [R(r.Ranks), T(r.StepSeconds), T(3 * r.ErrorSeconds), T(r.NoiseFreeSeconds), F(r.Slowdown), T(r.P99Seconds), "", ""]
                : [R(r.Ranks), T(r.StepSeconds), T(r.ErrorSeconds), T(r.NoiseFreeSeconds), F(r.Slowdown), T(r.MedianSeconds), T(r.P99Seconds),
                   $"{T(r.RunMinSeconds)} / {T(r.RunMedianSeconds)} / {T(r.RunMaxSeconds)}"]);
        return $"noise: {spec}\n" + TextTable.Render(table, leftAligned: 0);
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
    private static string T(double seconds) => DurationDistribution.FormatSeconds(seconds);
}
