using System.Globalization;
using System.Text;
using PerfModel.Noise;
using PerfModel.Profiles;
using PerfModel.Reports.Tables;

namespace PerfModel.Cli;

/// <summary>One line of <c>perfmodel noise</c> output (seconds).</summary>
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
    public static NoiseRow FromClosedForm(double ranks, StepShape shape, ClosedFormResult r) =>
        new("closed", ranks, shape.WorkSeconds, shape.RoundSeconds, r.MeanStepSeconds, r.NoiseFreeSeconds, r.Slowdown, r.MedianSeconds, r.P99Seconds,
            r.ErrorBoundSeconds, r.RunMinSeconds, r.RunMedianSeconds, r.RunMaxSeconds);

    /// <summary>A simulated row: ErrorSeconds holds the standard error of the mean; P99Seconds the mean over trials of the
    /// slowest rank (no percentiles are estimated from trial means).</summary>
    public static NoiseRow FromSimulation(double ranks, StepShape shape, NoiseProfile noise, int trials, ulong seed)
    {
        var r = Noise.Simulation.NoiseSimulator.Simulate(noise, shape, (long)ranks, new Noise.Simulation.SimulationOptions(trials, seed));
        var k = shape.Sync is SyncShape.None or SyncShape.Barrier ? 0 : NoiseClosedForm.Rounds(ranks);
        var noiseFree = shape.WorkSeconds + k * shape.RoundSeconds + (shape.Sync == SyncShape.TreeReduceBroadcast ? k / 2.0 * shape.RoundSeconds : 0);
        return new("simulate", ranks, shape.WorkSeconds, shape.RoundSeconds, r.MeanStepSeconds, noiseFree, noiseFree > 0 ? r.MeanStepSeconds / noiseFree : 1,
            r.MeanStepSeconds, r.MeanMaxStepSeconds, r.StandardErrorSeconds, r.MeanStepSeconds, r.MeanStepSeconds, r.MeanStepSeconds);
    }

    public static string ToCsv(IEnumerable<NoiseRow> rows)
    {
        var sb = new StringBuilder("method,ranks,work_s,round_s,step_s,noise_free_s,slowdown,median_s,p99_s,error_s,run_min_s,run_median_s,run_max_s\n");
        foreach (var r in rows)
            sb.Append(string.Join(',', r.Method, R(r.Ranks), R(r.WorkSeconds), R(r.RoundSeconds), R(r.StepSeconds), R(r.NoiseFreeSeconds), R(r.Slowdown),
                R(r.MedianSeconds), R(r.P99Seconds), R(r.ErrorSeconds), R(r.RunMinSeconds), R(r.RunMedianSeconds), R(r.RunMaxSeconds))).Append('\n');
        return sb.ToString();
    }

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
