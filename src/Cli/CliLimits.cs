using System.CommandLine;
using System.Globalization;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;

namespace PerfModel.Cli;

/// <summary>
/// The ranges every numeric command-line option accepts, in one place. Each is checked while the command line is parsed,
/// before any work, and stated in the option's <c>--help</c>. They come from what the model represents exactly and from
/// what it computes in seconds:
/// <list type="bullet">
/// <item>durations (<c>--work</c>, <c>--round</c>): 0, or 1 ns … 10⁶ s. Detours are resolved down to 1 ns, and a double
/// (2⁻⁵² relative) still tells a 1 ns detour apart next to 10⁶ s of work.</item>
/// <item>rank counts: 1 … 2³⁰, the reach of the closed forms' grid (the same grid at every P up to it, hence monotone in P);
/// node counts: 1 … 2²⁰ (a million nodes of up to 1,024 ranks).</item>
/// <item>lists of rank or node counts: at most 32 entries (every power of two from 1 to 2³⁰ fits): each entry is a full
/// evaluation.</item>
/// <item><c>--runs</c>: 1 … 1,000. The expected order statistics of k runs weigh the grid with the binomial coefficients
/// C(k, m), which overflow a double beyond k ≈ 1,020.</item>
/// <item><c>--resolution</c>: 16 … 1,024 linear points. The closed forms convolve laws on the grid at a cost quadratic in
/// its points: at 1,024 a tree step with Linux's noise takes about 1 s per rank count, at 65,536 hours. The whole command's
/// closed-form work is estimated from its grids before it starts (<see cref="ClosedFormSeconds"/>) and refused above
/// <see cref="MaxClosedFormSeconds"/>: long rank lists, heavy tails (whose grids are longer) and high resolutions share it.</item>
/// <item>detours: at most 10⁴ expected per rank in a step (its noise-free time times the busiest population's rate):
/// the closed forms resolve a window's count of detours up to about 10⁵.</item>
/// <item><c>--method simulate</c>: trials × steps × ranks × (1 + rounds + detours per step) ≤ 10⁹ simulated events
/// (about 10 s on two cores at 10⁸ per second and core).</item>
/// </list>
/// The number of sources and node classes of a noise profile is bounded by <see cref="Descriptions.NoiseProfile.MaxSources"/>
/// and <see cref="Descriptions.NoiseProfile.MaxNodeClasses"/>, where every profile is built.
/// </summary>
internal static class CliLimits
{
    /// <summary>Shortest positive duration accepted: 1 ns.</summary>
    public const double MinDurationSeconds = 1e-9;

    /// <summary>Longest duration accepted: 10⁶ s.</summary>
    public const double MaxDurationSeconds = 1e6;

    /// <summary>Most ranks: 2³⁰.</summary>
    public const int MaxRanks = 1 << 30;

    /// <summary>Most nodes: 2²⁰.</summary>
    public const int MaxNodes = 1 << 20;

    /// <summary>Most entries in a list of rank or node counts.</summary>
    public const int MaxCounts = 32;

    /// <summary>Most ranks per node: 1,024 (a node's hardware threads; 272 on the KNL).</summary>
    public const int MaxRanksPerNode = 1024;

    /// <summary>Most runs whose order statistics are reported.</summary>
    public const int MaxRuns = 1000;

    /// <summary>Fewest and most linear grid points.</summary>
    public const int MinResolution = 16, MaxResolution = 1024;

    /// <summary>Largest message size: 2⁵⁰ bytes (1 PiB).</summary>
    public const double MaxBytes = 1L << 50;

    /// <summary>Most simulated events (trials × steps × ranks × (1 + rounds + detours per step)) for one rank count.</summary>
    public const double MaxSimulatedWindows = 1e9;

    /// <summary>Most estimated computing time of the closed forms for one command, in seconds on one core of the reference
    /// machine (<see cref="ClosedFormSeconds"/>): 60 s, at most about 30 s on two cores, which the rank counts share.</summary>
    public const double MaxClosedFormSeconds = 60;

    /// <summary>
    /// Estimated time of one closed-form evaluation on one core of a 2-core x86-64 VM (.NET 10):
    /// n² × (1 µs + c × rounds × m) + n × (rounds + 10) × 20 µs, n the grid's points
    /// (<see cref="PerfModel.Noise.NoiseClosedForm.GridPoints"/>), rounds the collective's at P; c = 0.15 µs for recursive
    /// doubling (m = 3 when P is not a power of two: the law recursion runs for P, its power-of-two core and one more count,
    /// as bounds), 0.04 µs for the binomial tree, 0.02 µs for dissemination, 0 without rounds. Measured over Linux's and
    /// mOS's default noise, exponential noise, one Pareto α = 1.05 source and 16 Pareto sources, resolutions 64, 256 and
    /// 1,024, P = 64, 1,000, 10⁶, 2²⁰ and 2³⁰ (300 evaluations): no evaluation took longer than this estimate, and those
    /// over 0.5 s took 1/8 to 1/1.1 of it (the slowest, 17.6 s, recursive doubling under Pareto α = 1.05 at resolution
    /// 1,024 and P = 10⁶, was estimated at 20 s).
    /// </summary>
    public static double ClosedFormSeconds(int gridPoints, SyncShape sync, double ranks)
    {
        var rounds = NoiseClosedForm.Rounds(sync, ranks);
        var p = (long)Math.Max(1, Math.Round(ranks));
        var perRound = sync switch
        {
            SyncShape.AllreduceRecursiveDoubling => 0.15e-6 * ((p & (p - 1)) == 0 ? 1 : 3),
            SyncShape.TreeReduceBroadcast => 0.04e-6,
            SyncShape.DisseminationBarrier => 0.02e-6,
            _ => 0,
        };
        double n = gridPoints;
        return n * n * (1e-6 + perRound * rounds) + n * (rounds + 10) * 20e-6;
    }

    /// <summary>Most estimated computing time of one <c>predict</c> (or <c>validate</c>) run, in seconds on one core: 120 s,
    /// about 60 s on two cores (<see cref="PredictionSeconds"/>).</summary>
    public const double MaxPredictionSeconds = 120;

    /// <summary>
    /// Estimated time of one prediction on one core under <paramref name="noise"/>: 7.5 ms × max(1, (n / 90)²) × (1 + s), n
    /// the points of the grid the predictor's closed forms use for a recursive-doubling allreduce of 1 ms at 2²⁰ ranks under
    /// that noise (<see cref="PerfModel.Noise.NoiseClosedForm.GridPoints"/> with <see cref="ClosedFormOptions.Fast"/>) and s
    /// its sources (node classes' included): a prediction's time is its noise model's, whose convolutions grow as the square
    /// of the grid and whose window laws with the number of sources. Measured: the default sweep (288 predictions, n ≈ 75–80,
    /// 2 sources) takes 2–3.5 s of CPU time (estimate 6–7 s); 16 Pareto sources (n = 224) 0.53 s per prediction (estimate
    /// 0.79 s).
    /// </summary>
    public static double PredictionSeconds(Descriptions.NoiseProfile noise)
    {
        var shape = new StepShape(Units.TimeInterval.FromMilliseconds(1), SyncShape.AllreduceRecursiveDoubling, Units.TimeInterval.FromMicroseconds(2));
        double n = NoiseClosedForm.GridPoints(noise, shape, 1 << 20, ClosedFormOptions.Fast);
        var sources = noise.Sources.Length + noise.NodeClasses.Sum(c => c.Noise.Sources.Length);
        return 0.0075 * Math.Max(1, n * n / (90.0 * 90.0)) * (1 + sources);
    }

    /// <summary>Most expected detours per rank in one step: the closed forms' limit,
    /// <see cref="PerfModel.Noise.NoiseClosedForm.MaxDetoursPerWindow"/> (10⁵; beyond it a step's delay no longer fits their
    /// grid), checked here before any work; the simulator draws every one of them and counts them in its budget.</summary>
    public const double MaxDetoursPerStep = PerfModel.Noise.NoiseClosedForm.MaxDetoursPerWindow;

    /// <summary>Most steps of a run: the simulator's limit, which the closed forms share.</summary>
    public const int MaxSteps = WallClockOptions.MaxSteps;

    /// <summary>Fewest and most simulation trials (standard errors need two).</summary>
    public const int MinTrials = 2, MaxTrials = WallClockOptions.MaxTrials;

    /// <summary>The rule of a duration option, for help texts and errors.</summary>
    public static string DurationRule => "0, or 1ns to 1e6s";

    /// <summary>A whole-number option in [<paramref name="min"/>, <paramref name="max"/>] whose range ends its help text
    /// and whose bad values are parse errors naming the option, the value and the range.</summary>
    public static Option<int> Whole(string name, string description, int min, int max, int defaultValue, string? why = null)
    {
        var rule = $"a whole number from {N(min)} to {N(max)}" + (why is null ? "" : $" ({why})");
        return new Option<int>(name)
        {
            Description = $"{description} Range: {N(min)}-{N(max)}.",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                var text = r.Tokens.Count == 0 ? "" : r.Tokens[^1].Value;
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return (int)v;
                r.AddError(Message(name, text, "must be " + rule));
                return defaultValue;
            },
        };
    }

    /// <summary>An unsigned 64-bit option (a seed).</summary>
    public static Option<ulong> Seed(string name, string description, ulong defaultValue)
    {
        return new Option<ulong>(name)
        {
            Description = $"{description} Range: 0-{ulong.MaxValue}.",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                var text = r.Tokens.Count == 0 ? "" : r.Tokens[^1].Value;
                if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return v;
                r.AddError(Message(name, text, $"must be a whole number from 0 to {ulong.MaxValue}"));
                return defaultValue;
            },
        };
    }

    /// <summary>A real-number option in [<paramref name="min"/>, <paramref name="max"/>] (finite; invariant culture).</summary>
    public static Option<double> Real(string name, string description, double min, double max, double defaultValue, string range)
    {
        return new Option<double>(name)
        {
            Description = $"{description} Range: {range}.",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                var text = r.Tokens.Count == 0 ? "" : r.Tokens[^1].Value;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= min && v <= max) return v;
                r.AddError(Message(name, text, $"must be a number from {range}"));
                return defaultValue;
            },
        };
    }

    /// <summary>A string option whose value must be one of <paramref name="choices"/>.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] choices)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        AcceptOnly(option, choices);
        return option;
    }

    /// <summary>Restricts <paramref name="option"/> to <paramref name="choices"/>, with a one-line error naming them.</summary>
    public static void AcceptOnly<T>(Option<T> option, params string[] choices) =>
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 0) return; // the default
            var text = r.Tokens[^1].Value;
            if (!choices.Contains(text, StringComparer.Ordinal)) r.AddError(Message(option.Name, text, "must be one of " + string.Join(", ", choices)));
        });

    /// <summary>A duration option's value: 0, or between <see cref="MinDurationSeconds"/> and <see cref="MaxDurationSeconds"/>.</summary>
    /// <exception cref="FormatException">Not a time with a unit, or outside the range; names the option.</exception>
    public static TimeInterval Duration(string text, string option)
    {
        var t = DurationArgument.Parse(text, option);
        var s = t.Seconds;
        if (!(s == 0 || (s >= MinDurationSeconds && s <= MaxDurationSeconds)))
            throw new FormatException(Message(option, text, $"must be {DurationRule} (detours are resolved to 1ns, and a double tells 1ns apart next to 1e6s)"));
        return t;
    }

    /// <summary>A list of counts (<see cref="Nodes.Parse"/>): each at most <paramref name="max"/>, at most <see cref="MaxCounts"/> of them.</summary>
    /// <exception cref="FormatException">The list breaks the syntax or a limit; names the option.</exception>
    public static IReadOnlyList<int> Counts(string text, string option, int max, string what)
    {
        var list = Nodes.Parse(text, option);
        if (list[^1] > max) throw new FormatException(Message(option, text, $"{N(list[^1])} {what} is more than the {N(max)} the model takes"));
        if (list.Count > MaxCounts)
            throw new FormatException(Message(option, text, $"gives {N(list.Count)} counts, more than the {MaxCounts} one run takes (each is a full evaluation)"));
        return list;
    }

    /// <summary>Comma-separated names; at least one.</summary>
    /// <exception cref="FormatException">The list names nothing.</exception>
    public static string[] Names(string text, string option, string known)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        if (names.Length == 0) throw new FormatException(Message(option, text, "names nothing; give one or more of " + known + ", comma-separated"));
        return names;
    }

    /// <summary>"OPTION 'VALUE': RULE", the value shortened and escaped (<see cref="ErrorLine.Echo"/>).</summary>
    public static string Message(string option, string value, string rule) => $"{option} {ErrorLine.Echo(value)}: {rule}";

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
