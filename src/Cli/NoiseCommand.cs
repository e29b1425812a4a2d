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
        var work = new Option<string>("--work") { Description = "Compute time W per step, e.g. 100us.", DefaultValueFactory = _ => "100us" };
        var ranks = new Option<string>("--ranks") { Description = "Rank counts, any whole numbers: a list '64,1000,131072' and/or ranges '64-131072' (powers of two).", DefaultValueFactory = _ => "64,1024,16384,131072" };
        var coldStart = new Option<bool>("--cold-start")
        {
            Description = "Start the run with no detour in progress (each window charged only the detours that start in it until then), " +
                          "instead of noise that has been running long before the first step.",
        };
        var steps = new Option<int>("--steps") { Description = "N: consecutive steps in a run (1: the first step alone; more: the mean step of the run, delays carried over).", DefaultValueFactory = _ => 1 };
        var collective = new Option<string>("--collective")
        {
            Description = "Synchronisation after the compute phase: none (an ideal zero-cost barrier: the step ends when the slowest rank does), " +
                          "allreduce-rd (recursive doubling, MPICH's at any P), tree (binomial reduce + broadcast), barrier (dissemination).",
            DefaultValueFactory = _ => "none",
        };
        collective.AcceptOnlyFromAmong("none", "allreduce-rd", "tree", "barrier");
        var bytes = new Option<double>("--bytes") { Description = "Message size of the collective in bytes (sets the round time from the platform's LogGP parameters).", DefaultValueFactory = _ => 8 };
        var round = new Option<string?>("--round") { Description = "Noise-free time of one collective round, e.g. 2us (overrides --bytes)." };
        var perNode = new Option<int>("--ranks-per-node") { Description = "Ranks per node, for the intra/inter-node split of the rounds.", DefaultValueFactory = _ => 64 };
        var method = new Option<string>("--method") { Description = "closed (closed forms: cost flat in the rank count) or simulate (the wall-clock reference simulator: every rank and message, LogGOPSim's noise semantics).", DefaultValueFactory = _ => "closed" };
        method.AcceptOnlyFromAmong("closed", "simulate");
        var trials = new Option<int>("--trials") { Description = "Simulation trials per rank count.", DefaultValueFactory = _ => 200 };
        var seed = new Option<ulong>("--seed") { Description = "Simulation seed (results are identical for a seed, whatever the thread count).", DefaultValueFactory = _ => 1729 };
        var runs = new Option<int>("--runs") { Description = "k: report the expected fastest, median and slowest of k runs (closed form).", DefaultValueFactory = _ => 5 };
        var bins = new Option<int>("--resolution") { Description = "Points of the closed form's linear grid (16-65536); the geometric tail grid follows.", DefaultValueFactory = _ => 256 };
        var format = new Option<string>("--format") { Description = "table, csv or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var outFile = new Option<string?>("--out") { Description = "Write to this file instead of standard output. " + OutputChecks.FileRules + " The trace files of --noise count as inputs." };
        foreach (var o in new Option[] { noise, os, work, ranks, steps, coldStart, collective, bytes, round, perNode, method, trials, seed, runs, bins, format, outFile }) cmd.Options.Add(o);

        cmd.SetAction(pr => run(() =>
        {
            if (pr.GetValue(outFile) is { } target) OutputChecks.File(target, TracePaths(pr.GetValue(noise)));
            var profile = ResolveNoise(pr.GetValue(noise), pr.GetValue(os));
            var w = DurationArgument.Parse(pr.GetValue(work)!, "--work");
            var rankList = Nodes.Parse(pr.GetValue(ranks)!, "--ranks").Select(r => (double)r).ToArray();
            var sync = pr.GetValue(collective) switch
            {
                "allreduce-rd" => SyncShape.AllreduceRecursiveDoubling,
                "tree" => SyncShape.TreeReduceBroadcast,
                "barrier" => SyncShape.DisseminationBarrier,
                _ => SyncShape.Barrier,
            };
            if (pr.GetValue(perNode) < 1) throw new FormatException("--ranks-per-node must be >= 1");
            if (pr.GetValue(runs) < 1) throw new FormatException("--runs must be >= 1");
            if (pr.GetValue(bins) is < 16 or > 1 << 16) throw new FormatException("--resolution must be between 16 and 65536");
            var n = pr.GetValue(steps);
            if (n is < 1 or > WallClockOptions.MaxSteps) throw new FormatException($"--steps must be between 1 and {WallClockOptions.MaxSteps}");
            var simulate = pr.GetValue(method) == "simulate";
            if (simulate && pr.GetValue(trials) is < 2 or > WallClockOptions.MaxTrials)
                throw new FormatException($"--trials must be between 2 and {WallClockOptions.MaxTrials} (standard errors need two trials)");
            var roundText = pr.GetValue(round);
            var platform = Defaults.Platform();
            var rows = new List<NoiseRow>();
            foreach (var p in rankList)
            {
                var k = new StepShape(w, sync, TimeInterval.Zero).RoundsFor(p);
                var c = roundText is not null ? DurationArgument.Parse(roundText, "--round")
                    : k == 0 ? TimeInterval.Zero : TimeInterval.FromSeconds(CollectiveSeconds(platform, sync, pr.GetValue(bytes), (int)p, pr.GetValue(perNode)) / k);
                var shape = new StepShape(w, sync, c) { RanksPerNode = pr.GetValue(perNode) };
                if (simulate)
                {
                    if (p > WallClockSimulator.MaxRanks) throw new FormatException($"--ranks {p}: the simulator takes at most {WallClockSimulator.MaxRanks} ranks");
                    errors.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulating {p:N0} ranks x {n} step(s) x {pr.GetValue(trials)} trials ..."));
                    var sim = WallClockSimulator.Simulate(profile, shape, (long)p, new WallClockOptions(pr.GetValue(trials), n, pr.GetValue(seed)) { InProgressAtStart = !pr.GetValue(coldStart) });
                    rows.Add(NoiseRow.FromSimulation(p, shape, sim));
                }
                else
                {
                    var r = NoiseClosedForm.Evaluate(profile, shape, p, new ClosedFormOptions { LinearPoints = pr.GetValue(bins), Runs = pr.GetValue(runs), StepsPerRun = n, InProgressAtStart = !pr.GetValue(coldStart) });
                    rows.Add(NoiseRow.FromClosedForm(p, n, shape, r));
                }
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
                errors.WriteLine($"wrote {rows.Count} rows to {path}");
            }
        }));
        return cmd;
    }

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
