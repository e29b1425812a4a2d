using System.Globalization;
using System.Text;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;
using PerfModel.Reports.Formats;

namespace PerfModel.Cli;

/// <summary>One line of <c>perfmodel noise</c> output (seconds, as the CSV and JSON write them). A run is
/// <see cref="Steps"/> consecutive steps; <see cref="StepSeconds"/> is its mean step, by the closed form
/// (first + (N − 1)·stationary) / N (<see cref="ClosedFormResult.RunMeanStepSeconds"/>) or from a cold start the mean of
/// the steps as they build up (<see cref="NoiseRun.MeanStepSeconds"/>), by the simulator the mean of the simulated steps. Cells a method does not give are null (empty in
/// CSV).</summary>
/// <param name="Method">"closed" or "simulate".</param>
/// <param name="Ranks">P.</param>
/// <param name="Steps">N, steps in a run.</param>
/// <param name="WorkSeconds">W.</param>
/// <param name="RoundSeconds">c.</param>
/// <param name="StepSeconds">Mean step of an N-step run.</param>
/// <param name="FirstStepSeconds">The first step (every rank starts together).</param>
/// <param name="StationarySeconds">The stationary step of a long run (closed form; simulated: the mean of steps 2 … N,
/// null for one step).</param>
/// <param name="NoiseFreeSeconds">The mean step of the run without noise.</param>
/// <param name="Slowdown">StepSeconds / NoiseFreeSeconds.</param>
/// <param name="StandardErrorSeconds">Standard error of StepSeconds (simulation).</param>
/// <param name="MedianSeconds">Median of the stationary step (closed form).</param>
/// <param name="P99Seconds">99th percentile of the stationary step (closed form).</param>
/// <param name="SlowestSeconds">Mean over trials of the slowest rank's step (simulation).</param>
/// <param name="RunMinSeconds">Expected fastest of k runs, per step (closed form).</param>
/// <param name="RunMedianSeconds">Expected median of k runs, per step (closed form).</param>
/// <param name="RunMaxSeconds">Expected slowest of k runs, per step (closed form).</param>
/// <remarks>The first step's mean is infinite when a detour already running at the start has a remainder of infinite mean
/// (a duration tail of index ≤ 2, e.g. Pareto α ≤ 2): then the step, first-step and slowdown cells hold +∞ (CSV
/// <c>inf</c>, JSON null) and <see cref="Note"/> says why.</remarks>
public sealed record NoiseRow(
    string Method,
    double Ranks,
    int Steps,
    double WorkSeconds,
    double RoundSeconds,
    double StepSeconds,
    double FirstStepSeconds,
    double? StationarySeconds,
    double NoiseFreeSeconds,
    double Slowdown,
    double? StandardErrorSeconds,
    double? MedianSeconds,
    double? P99Seconds,
    double? SlowestSeconds,
    double? RunMinSeconds,
    double? RunMedianSeconds,
    double? RunMaxSeconds)
{
    /// <summary>Why a cell is infinite (null when every cell is finite; JSON leaves it out then).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Note => double.IsPositiveInfinity(FirstStepSeconds) ? InfiniteFirstStep : null;

    /// <summary>The explanation of an infinite first step.</summary>
    public const string InfiniteFirstStep =
        "the first step's mean is infinite: a detour already running when the run starts has a remainder of infinite mean " +
        "(a duration tail of index <= 2, e.g. pareto alpha <= 2); the stationary step of a long run is finite. " +
        "Use --steps N > 1 for the mean step of a run, or --cold-start for a run that starts with no detour in progress.";

    /// <summary>A closed-form row for a run of <paramref name="steps"/> steps whose mean step is
    /// <paramref name="runMeanStepSeconds"/>.</summary>
    public static NoiseRow FromClosedForm(double ranks, int steps, StepShape shape, ClosedFormResult r, double runMeanStepSeconds)
    {
        var step = runMeanStepSeconds;
        var noiseFree = r.RunNoiseFreeStepSeconds(steps);
        // The runs' spread is around (first + (N − 1)·stationary) / N; a run whose steps build up (a cold start) moves it
        // to its own mean (0 otherwise, so the cells are unchanged).
        var shift = double.IsFinite(step) && double.IsFinite(r.RunMeanStepSeconds(steps)) ? step - r.RunMeanStepSeconds(steps) : 0;
        return new("closed", ranks, steps, shape.Work.Seconds, shape.Round.Seconds, step, r.FirstStepSeconds, r.MeanStep.Seconds, noiseFree,
            noiseFree > 0 ? step / noiseFree : 1, null, r.Median.Seconds, r.P99.Seconds, null,
            Moved(r.Runs.Min.Seconds / steps), Moved(r.Runs.Median.Seconds / steps), Moved(r.Runs.Max.Seconds / steps));
        // Never below the noise-free step.
        double Moved(double perStep) => shift == 0 ? perStep : Math.Max(noiseFree, perStep + shift);
    }

    /// <summary>A simulated row: the wall-clock simulator's run of <see cref="WallClockResult.Steps"/> steps.</summary>
    public static NoiseRow FromSimulation(double ranks, StepShape shape, WallClockResult r)
    {
        var n = r.Steps.Length;
        // The run's mean step per trial is (mean_i C_i(N)) / N, its standard error taken across trials.
        var (step, se) = r.RunMeanStep(n);
        var noiseFree = r.Steps.Average(s => s.NoiseFreeSeconds);
        return new("simulate", ranks, n, shape.Work.Seconds, shape.Round.Seconds, step, r.FirstStepSeconds, n > 1 ? r.StationaryStepSeconds : null, noiseFree,
            noiseFree > 0 ? step / noiseFree : 1, se, null, null, r.Steps.Average(s => s.SlowestSeconds), null, null, null);
    }

    /// <summary>The rows as CSV (invariant culture, round-trip doubles, empty cells where a method gives no value).</summary>
    public static string ToCsv(IEnumerable<NoiseRow> rows)
    {
        var sb = new StringBuilder("method,ranks,steps,work_s,round_s,step_s,first_step_s,stationary_step_s,noise_free_s,slowdown,se_s,median_s,p99_s,slowest_s,run_min_s,run_median_s,run_max_s\n");
        foreach (var r in rows)
            sb.Append(string.Join(',', r.Method, R(r.Ranks), r.Steps.ToString(CultureInfo.InvariantCulture), R(r.WorkSeconds), R(r.RoundSeconds), R(r.StepSeconds),
                R(r.FirstStepSeconds), R(r.StationarySeconds), R(r.NoiseFreeSeconds), R(r.Slowdown), R(r.StandardErrorSeconds), R(r.MedianSeconds), R(r.P99Seconds),
                R(r.SlowestSeconds), R(r.RunMinSeconds), R(r.RunMedianSeconds), R(r.RunMaxSeconds))).Append('\n');
        return sb.ToString();
    }

    /// <summary>The rows as an aligned text table under the noise spec.</summary>
    public static string ToText(IReadOnlyList<NoiseRow> rows, string spec, int runs)
    {
        var simulated = rows.Any(r => r.Method == "simulate");
        var steps = rows.Count > 0 ? rows[0].Steps : 1;
        var table = new List<string[]>
        {
            simulated
                ? ["ranks", "step", "±3 s.e.", "first step", "stationary", "noise-free", "slowdown", "slowest rank"]
                : ["ranks", "step", "first step", "stationary", "noise-free", "slowdown", "median", "p99", $"min/median/max of {runs} runs"],
        };
        foreach (var r in rows)
            table.Add(simulated
                ? [R(r.Ranks), T(r.StepSeconds), T(3 * r.StandardErrorSeconds), T(r.FirstStepSeconds), T(r.StationarySeconds), T(r.NoiseFreeSeconds), F(r.Slowdown), T(r.SlowestSeconds)]
                : [R(r.Ranks), T(r.StepSeconds), T(r.FirstStepSeconds), T(r.StationarySeconds), T(r.NoiseFreeSeconds), F(r.Slowdown), T(r.MedianSeconds), T(r.P99Seconds),
                   $"{T(r.RunMinSeconds)} / {T(r.RunMedianSeconds)} / {T(r.RunMaxSeconds)}"]);
        var what = steps == 1 ? "step: the first step of a run (all ranks start together)" : $"step: mean step of a run of {steps} steps";
        var note = rows.Any(r => r.Note is not null) ? $"inf: {InfiniteFirstStep}\n" : "";
        return $"noise: {spec}\n{what}\n" + TextTable.Render(table, leftAligned: 0) + note;
    }

    /// <summary>The rows as indented JSON: an array of objects named as the properties, infinite cells null (see
    /// <see cref="Note"/>).</summary>
    public static string ToJson(IEnumerable<NoiseRow> rows) =>
        System.Text.Json.JsonSerializer.Serialize(rows, new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Converters = { new FiniteOrNull() } }) + "\n";

    /// <summary>Writes a non-finite double as null (JSON has no infinity).</summary>
    private sealed class FiniteOrNull : System.Text.Json.Serialization.JsonConverter<double>
    {
        public override double Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
            reader.TokenType == System.Text.Json.JsonTokenType.Null ? double.PositiveInfinity : reader.GetDouble();

        public override void Write(System.Text.Json.Utf8JsonWriter writer, double value, System.Text.Json.JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }

    private static string R(double v) => double.IsPositiveInfinity(v) ? "inf" : v.ToString("R", CultureInfo.InvariantCulture);
    private static string R(double? v) => v is { } x ? R(x) : "";
    private static string F(double v) => double.IsPositiveInfinity(v) ? "inf" : v.ToString("0.0000", CultureInfo.InvariantCulture);
    private static string T(double? seconds) => seconds is { } s ? (double.IsPositiveInfinity(s) ? "inf" : DurationDistribution.FormatSeconds(s)) : "-";
}
