using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfModel.Calibration.Noise;
using PerfModel.Communication;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Spec;
using PerfModel.Noise.WallClock;
using PerfModel.Profiles;
using PerfModel.Profiles.Files;

namespace PerfModel.Cli;

/// <summary><c>perfmodel noise</c>: expected step time under OS noise at any number of ranks, by closed form or simulation.</summary>
public static class NoiseCommand
{
    private const string SpecHelp =
        "Noise spec: 'none', or terms joined by '+': poisson(rate=1000/s, dur=fixed(2us)), poisson(rate=1kHz, dur=exp(2.5us)), " +
        "poisson(rate=5/s, dur=lognormal(median=20us, sigma=1)), poisson(rate=0.1/s, dur=pareto(scale=10us, alpha=2.5)), " +
        "periodic(freq=1kHz, dur=fixed(2us)) (a timer tick, each rank at its own phase), trace(path) (an FWQ trace CSV or a " +
        "LogGOPSim noise trace '<start_ns> <duration_ns>' per line); append @cosched for noise that hits all ranks at once " +
        "(ticks in phase); '| nodes(1%: SPEC)' gives a share of the nodes other noise. Rates in /s, /ms, /us, Hz, kHz or MHz; " +
        "durations in ns, us, ms or s.";

    /// <summary>The command, writing results to <paramref name="output"/> and progress to <paramref name="errors"/>.</summary>
    public static Command Create(TextWriter output, TextWriter errors, Func<Action, int> run)
    {
        var cmd = new Command("noise", "Expected time of a bulk-synchronous step (compute W, then synchronise) under OS noise on a wall clock: detours " +
                                        "stretch compute and each message's send and receive overhead, a late rank carries its delay into the next step. " +
                                        "For each rank count: the mean step of a run of --steps steps, its first and stationary step, the slowdown over the " +
                                        "noiseless step, median and p99. Closed forms by default; --method simulate runs every rank on its own clock.");
        var noise = new Option<string?>("--noise") { Description = SpecHelp };
        var os = new Option<string?>("--os") { Description = "Use the noise of a default OS profile instead of --noise: linux, mckernel or mos." };
        var work = new Option<string>("--work")
        {
            Description = $"Compute time W per step, e.g. 100us. Range: {CliLimits.DurationRule}, and at most 10,000 expected detours per rank in a step.",
            DefaultValueFactory = _ => "100us",
        };
        var ranks = new Option<string>("--ranks")
        {
            Description = "Rank counts, any whole numbers: a list '64,1000,131072' and/or ranges '64-131072' (powers of two). " +
                          string.Create(CultureInfo.InvariantCulture, $"Range: 1-{CliLimits.MaxRanks:N0} ranks (2^30, the reach of the closed forms' grid), at most {CliLimits.MaxCounts} counts."),
            DefaultValueFactory = _ => "64,1024,16384,131072",
        };
        var coldStart = new Option<bool>("--cold-start")
        {
            Description = "Start the run with no detour in progress (each window charged only the detours that start in it until then), " +
                          "instead of noise that has been running long before the first step. With --steps N > 1 the steps build up " +
                          "to the stationary one as detours that began since the start come into progress.",
        };
        var steps = CliLimits.Whole("--steps", "N: consecutive steps in a run (1: the first step alone; more: the mean step of the run, delays carried over).",
            1, CliLimits.MaxSteps, 1);
        var collective = CliLimits.Choice("--collective",
            "Synchronisation after the compute phase: none (an ideal zero-cost barrier: the step ends when the slowest rank does), " +
            "allreduce-rd (recursive doubling, MPICH's at any P), tree (binomial reduce + broadcast), barrier (dissemination).",
            "none", "none", "allreduce-rd", "tree", "barrier");
        var bytes = CliLimits.Real("--bytes", "Message size of the collective in bytes (sets the round time from the platform's LogGP parameters).",
            0, CliLimits.MaxBytes, 8, "0 to 2^50 (1 PiB)");
        var round = new Option<string?>("--round") { Description = $"Noise-free time of one collective round, e.g. 2us (overrides --bytes). Range: {CliLimits.DurationRule}." };
        var perNode = CliLimits.Whole("--ranks-per-node", "Ranks per node, for the intra/inter-node split of the rounds.", 1, CliLimits.MaxRanksPerNode, 64);
        var method = CliLimits.Choice("--method",
            "closed (closed forms: cost flat in the rank count) or simulate (the wall-clock reference simulator: every rank and message, LogGOPSim's noise " +
            string.Create(CultureInfo.InvariantCulture, $"semantics; at most {CliLimits.MaxSimulatedWindows:G2} simulated events, trials x steps x ranks x (1 + rounds + detours per step), per rank count)."),
            "closed", "closed", "simulate");
        var trials = CliLimits.Whole("--trials", "Simulation trials per rank count (standard errors need two).", CliLimits.MinTrials, CliLimits.MaxTrials, 200);
        var seed = CliLimits.Seed("--seed", "Simulation seed (results are identical for a seed, whatever the thread count).", 1729);
        var runs = CliLimits.Whole("--runs", "k: report the expected fastest, median and slowest of k runs (closed form).", 1, CliLimits.MaxRuns, 5,
            "the binomial weights of k runs overflow beyond about 1,020");
        var bins = CliLimits.Whole("--resolution", "Points of the closed form's linear grid; the geometric tail grid follows. The cost grows with its square: a command whose rank counts would compute for more than about 60 s (estimated from the grid before any work) is refused.",
            CliLimits.MinResolution, CliLimits.MaxResolution, 256);
        var format = CliLimits.Choice("--format", "table, csv or json.", "table", "table", "csv", "json");
        var outFile = new Option<string?>("--out") { Description = "Write to this file instead of standard output. " + OutputChecks.FileRules + " The trace files of --noise count as inputs." };
        foreach (var o in new Option[] { noise, os, work, ranks, steps, coldStart, collective, bytes, round, perNode, method, trials, seed, runs, bins, format, outFile }) cmd.Options.Add(o);

        cmd.SetAction(pr => run(() =>
        {
            if (pr.GetValue(outFile) is { } target) OutputChecks.File(target, TracePaths(pr.GetValue(noise)));
            // Every option is checked before any work (the numbers' ranges already while parsing).
            var w = CliLimits.Duration(pr.GetValue(work)!, "--work");
            var rankList = CliLimits.Counts(pr.GetValue(ranks)!, "--ranks", CliLimits.MaxRanks, "ranks").Select(r => (double)r).ToArray();
            var roundText = pr.GetValue(round);
            var fixedRound = roundText is null ? (TimeInterval?)null : CliLimits.Duration(roundText, "--round");
            var sync = pr.GetValue(collective) switch
            {
                "allreduce-rd" => SyncShape.AllreduceRecursiveDoubling,
                "tree" => SyncShape.TreeReduceBroadcast,
                "barrier" => SyncShape.DisseminationBarrier,
                _ => SyncShape.Barrier,
            };
            var n = pr.GetValue(steps);
            var simulate = pr.GetValue(method) == "simulate";
            if (simulate && rankList.Max() > WallClockSimulator.MaxRanks)
                throw new FormatException(CliLimits.Message("--ranks", pr.GetValue(ranks)!, string.Create(CultureInfo.InvariantCulture, $"the simulator takes at most {WallClockSimulator.MaxRanks:N0} ranks (2^26); use --method closed")));
            var platform = Defaults.Platform();
            var shapes = rankList.Select(p =>
            {
                var k = new StepShape(w, sync, TimeInterval.Zero).RoundsFor(p);
                var c = fixedRound is { } given ? given
                    : k == 0 ? TimeInterval.Zero : TimeInterval.FromSeconds(CollectiveSeconds(platform, sync, pr.GetValue(bytes), (int)p, pr.GetValue(perNode)) / k);
                return new StepShape(w, sync, c) { RanksPerNode = pr.GetValue(perNode) };
            }).ToArray();
            var profile = ResolveNoise(pr.GetValue(noise), pr.GetValue(os));
            var rate = DetourRate(profile);
            for (var i = 0; i < shapes.Length; i++)
            {
                var step = shapes[i].NoiseFree(rankList[i]).Seconds;
                var detours = rate * step;
                if (detours > CliLimits.MaxDetoursPerStep)
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                        $"--work {ErrorLine.Echo(pr.GetValue(work)!)}: a step of {UnitFormat.Seconds(step)} at {rate:G4} detours/s holds {detours:G3} detours per rank, more than the {CliLimits.MaxDetoursPerStep:N0} the model resolves; give a shorter --work (or --round)"));
                if (!simulate) continue;
                var p = rankList[i];
                var rounds = NoiseClosedForm.Rounds(sync, p);
                var events = pr.GetValue(trials) * (n * p * (1.0 + rounds) + n * p * detours);
                if (events > CliLimits.MaxSimulatedWindows)
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                        $"--method simulate: {pr.GetValue(trials)} trials x {n} steps x {p:N0} ranks x ({1 + rounds} windows + {detours:G3} detours) = {events:G3} events at {p:N0} ranks, more than the {CliLimits.MaxSimulatedWindows:G2} one rank count may take; give fewer --trials, --steps or --ranks"));
                if (!(n * step <= WallClockSimulator.HorizonSeconds / 2))
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                        $"--method simulate: {n} steps of {UnitFormat.Seconds(step)} at {p:N0} ranks are {n * step:G3} s of simulated time, more than the simulator's {WallClockSimulator.HorizonSeconds / 2:G2} s (where a double still resolves its detours); give fewer --steps or a shorter --work"));
            }
            if (!simulate)
            {
                // The closed forms' cost grows as the square of their grid: estimated before any work, refused above the budget.
                // A cold run of several steps evaluates the closed forms once per age it follows (NoiseRun).
                var options0 = new ClosedFormOptions { LinearPoints = pr.GetValue(bins), InProgressAtStart = !pr.GetValue(coldStart) };
                var estimate = 0.0;
                for (var i = 0; i < shapes.Length; i++)
                    estimate += NoiseRun.EvaluationsEstimate(shapes[i], n, options0)
                        * CliLimits.ClosedFormSeconds(NoiseClosedForm.GridPoints(profile, shapes[i], rankList[i], options0), sync, rankList[i]);
                if (estimate > CliLimits.MaxClosedFormSeconds)
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                        $"--ranks ({rankList.Length} counts) at --resolution {pr.GetValue(bins)}: the closed forms would compute for about {estimate:F0} s, more than the {CliLimits.MaxClosedFormSeconds:F0} s one command may take (their cost grows as the square of the grid, which this noise's tails and the resolution set); give fewer --ranks or a lower --resolution"));
            }
            var rows = new List<NoiseRow>();
            if (simulate)
                for (var i = 0; i < shapes.Length; i++)
                {
                    var (p, shape) = (rankList[i], shapes[i]);
                    errors.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulating {p:N0} ranks x {n} step(s) x {pr.GetValue(trials)} trials ..."));
                    var sim = WallClockSimulator.Simulate(profile, shape, (long)p, new WallClockOptions(pr.GetValue(trials), n, pr.GetValue(seed)) { InProgressAtStart = !pr.GetValue(coldStart) });
                    rows.Add(NoiseRow.FromSimulation(p, shape, sim));
                }
            else
            {
                // The rank counts are independent and the closed forms pure: evaluated in parallel into fixed slots, so the
                // rows are the same, in the same order, on any number of cores; the first failure in list order is reported.
                var options = new ClosedFormOptions { LinearPoints = pr.GetValue(bins), Runs = pr.GetValue(runs), StepsPerRun = n, InProgressAtStart = !pr.GetValue(coldStart) };
                var slots = new NoiseRow[shapes.Length];
                var results = new ClosedFormResult[shapes.Length];
                var failures = new Exception?[shapes.Length];
                if (shapes.Length > 4) errors.WriteLine(string.Create(CultureInfo.InvariantCulture, $"evaluating {shapes.Length} rank counts ..."));
                Parallel.For(0, shapes.Length, i =>
                {
                    try
                    {
                        results[i] = NoiseClosedForm.Evaluate(profile, shapes[i], rankList[i], options);
                        // From a cold start the run's steps build up to the stationary one over as many steps as its
                        // detours last (NoiseRun); with the detours in progress from the start the result holds the run.
                        var run = options.InProgressAtStart || n == 1 ? results[i].RunMeanStepSeconds(n) : NoiseRun.MeanStepSeconds(profile, shapes[i], rankList[i], n, options);
                        slots[i] = NoiseRow.FromClosedForm(rankList[i], n, shapes[i], results[i], run);
                    }
                    catch (Exception e) { failures[i] = e; }
                });
                if (failures.FirstOrDefault(e => e is not null) is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                rows.AddRange(slots);
                var longSources = results.SelectMany(r => r.LongDetourSources).Distinct().ToArray();
                if (longSources.Length > 0)
                    errors.WriteLine($"note: {string.Join(", ", longSources.Select(x => $"'{x}'"))}: detours that outlast several steps hold the collective like a barrier over the step's CPU time, and the stationary step charges them so (see the README, 'Long detours hold a collective like a barrier')");
                if (results.Any(r => r.ReceivesConditionedOnStart))
                    errors.WriteLine("note: this noise keeps 1 % of the time or more in detours on a core: the collective's receives are charged the detours of their own wait given when they start, which costs several times more; for such noise the closed form runs below the simulator where detours as long as a step are frequent (see the README, 'Receives conditioned on their start'; `--method simulate` is the reference)");
            }
            var text = pr.GetValue(format) switch
            {
                "csv" => NoiseRow.ToCsv(rows),
                "json" => NoiseRow.ToJson(rows),
                _ => NoiseRow.ToText(rows, NoiseSpec.Format(profile), pr.GetValue(runs)),
            };
            var path = pr.GetValue(outFile);
            if (path is null) output.Write(text);
            else
            {
                AtomicFile.WriteAllText(path, text, TracePaths(pr.GetValue(noise)));
                errors.WriteLine($"wrote {rows.Count} rows to {ErrorLine.Escape(path)}");
            }
        }));
        return cmd;
    }

    /// <summary>Detours per second on one rank, the busiest population's (its own sources or a node class's).</summary>
    private static double DetourRate(NoiseProfile profile) =>
        new[] { profile }.Concat(profile.NodeClasses.Select(c => c.Noise)).Max(p => p.Sources.Sum(s => s.Rate.PerSecond));

    private static NoiseProfile ResolveNoise(string? spec, string? os)
    {
        if (spec is not null && os is not null) throw new FormatException("give either --noise or --os, not both");
        if (os is not null) return Defaults.Os(os).Noise;
        if (spec is null) throw new FormatException("--noise SPEC (or --os NAME) is required; e.g. --noise 'poisson(rate=1000/s, dur=fixed(2us))'");
        return NoiseSpec.Parse(spec, NoiseTraceFile.Load);
    }

    /// <summary>The trace files a spec reads (an output must not overwrite one).</summary>
    private static IEnumerable<string> TracePaths(string? spec)
    {
        var paths = new List<string>();
        if (spec is not null)
            try
            {
                NoiseSpec.Parse(spec, path => { paths.Add(path); return NoiseProfile.None; });
            }
            catch (NoiseSpecException)
            {
                // The spec was parsed once already; nothing more to collect.
            }
        return paths;
    }

    private static double CollectiveSeconds(Platform platform, SyncShape sync, double bytes, int ranks, int perNode)
    {
        var net = new LogGpCommunication(platform.Network);
        var kind = sync switch
        {
            SyncShape.AllreduceRecursiveDoubling => CollectiveKind.Allreduce,
            SyncShape.DisseminationBarrier => CollectiveKind.Barrier,
            _ => CollectiveKind.Reduce,
        };
        return net.Collective(kind, ByteSize.FromBytes(bytes), ranks, perNode).Seconds;
    }
}
