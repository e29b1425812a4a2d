using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using PerfModel.Descriptions;

namespace PerfModel.Noise.WallClock;

/// <summary>
/// The reference simulator of OS noise in consecutive bulk-synchronous steps, on one wall clock per rank: the ground truth
/// the closed forms are tested against. Semantics are LogGOPSim's (Hoefler, Schneider, Lumsdaine, "Characterizing the
/// Influence of System Noise on Large-Scale Applications by Simulation", SC10, doi:10.1109/SC.2010.12; spcl/LogGOPSim,
/// <c>Noise.hpp</c>).
/// </summary>
/// <remarks>
/// <para><b>Noise.</b> Every rank owns a stationary detour timeline from the profile's sources (Poisson; periodic with a
/// uniform phase; or a <see cref="DetourTrace"/> replayed cyclically from a uniform offset, as LogGOPSim replays its
/// traces), independent across ranks. A co-scheduled profile gives every rank the same timeline, so periodic sources tick
/// in phase and a trace is replayed from one offset. By default the timelines are stationary at t = 0: the detours
/// running then exist, with equilibrium remainders (<see cref="WallClockOptions.InProgressAtStart"/>). With node classes,
/// each node (<see cref="StepShape.RanksPerNode"/> consecutive ranks) takes a class with probability Share, independently
/// per trial, and its ranks then have that class's noise.</para>
/// <para><b>Charging.</b> A CPU window [t, t + T) is stretched by the remainder of every detour in progress at t plus the
/// full length of every detour that starts in [t, t + T) — not in the stretched part (no compounding). CPU windows are the
/// compute W of each step and both ends of each message, o each; the wire time c − 2o is never charged. A detour while a
/// rank waits is absorbed, except what is left of it when the rank's next CPU window starts.</para>
/// <para><b>Rounds.</b> A round of c = <see cref="StepShape.Round"/> is send overhead o, wire c − 2o and receive overhead
/// o, with o = <see cref="WallClockOptions.Overhead"/> (default c/2: the whole round is CPU time, as in the closed forms).
/// A message leaves when its (stretched) send window ends and its receive window starts when both the receiver is free and
/// the message has arrived; MPI calls are blocking and run in program order (no asynchronous progress), a rank sends
/// before it receives in an exchange, and leaves a round once it has done both. The collectives follow MPICH's algorithms
/// for any P, without rounding P to a power of two:</para>
/// <list type="bullet">
/// <item>None: steps follow each other on every rank. Barrier: ideal and free — every rank leaves when the last arrives.</item>
/// <item>Recursive doubling (allreduce): p′ = 2^⌊log₂ P⌋, r = P − p′; rank 2i (i &lt; r) sends its data to 2i + 1 and
/// waits; the p′ ranks 2i + 1 (i &lt; r) and r + j (j ≥ r) exchange with new rank v XOR 2^m, m = 0 … log₂ p′ − 1; then
/// 2i + 1 sends the result back to 2i: log₂ P rounds, ⌊log₂ P⌋ + 2 when P is not a power of two.</item>
/// <item>Binomial tree (reduce to rank 0, then broadcast): rank x receives from x + 2^j for j = 0, 1, … while bit j of x
/// is 0 and x + 2^j &lt; P, then sends to x − 2^lowbit(x); in the broadcast x ≠ 0 receives from x − 2^lowbit(x), then sends
/// to x + 2^j (&lt; P) for j from lowbit(x) − 1 down to 0 — the root from ⌈log₂ P⌉ − 1 — one send window after the other.</item>
/// <item>Dissemination barrier: ⌈log₂ P⌉ rounds; in round m rank x sends to (x + 2^m) mod P, then receives from
/// (x − 2^m) mod P.</item>
/// </list>
/// <para><b>Steps.</b> Each trial runs <see cref="WallClockOptions.Steps"/> steps back to back: rank i starts step n + 1
/// when it leaves step n, so a late rank's delay carries over. Step times are defined on <see cref="WallClockStep"/>, the
/// stationary step on <see cref="WallClockResult"/>.</para>
/// <para><b>Engineering.</b> Trials (and the noise-free run) run in parallel on per-worker buffers allocated once, so the
/// inner loop allocates nothing; trial t's streams derive from (Seed, t) only, so results are bit-identical for any thread
/// count. Cost: O(P·(1 + rounds)) windows per step plus one draw per detour that lands in a CPU window; an idle gap costs
/// O(1) per source however long it is (whole periods, trace cycles and Poisson gaps are jumped; see
/// <c>SourceTimeline</c>). Memory per worker as on <see cref="WallClockOptions.MaxThreads"/>.</para>
/// <para><b>Limits.</b> Inputs that would exhaust memory or run for ever are refused before anything is allocated
/// (<see cref="MaxRanks"/>, <see cref="WallClockOptions.MaxTrialSteps"/>, <see cref="MaxOperations"/>, half of
/// <see cref="HorizonSeconds"/> of noise-free simulated time, the memory the process may use), and a trial that runs
/// away — a detour so long that the clocks pass <see cref="HorizonSeconds"/>, as heavy tails near α = 1 give — stops with an
/// <see cref="ArgumentException"/> naming the trial, the rank and the source.</para>
/// </remarks>
public static class WallClockSimulator
{
    /// <summary>Largest number of ranks accepted, 2^26 (memory: see <see cref="WallClockOptions.MaxThreads"/>).</summary>
    public const long MaxRanks = 1L << 26;

    /// <summary>Largest amount of work accepted for one call: trials × (steps × P × (1 + rounds) + the detours a trial is
    /// expected to draw), 10^12 — hours of CPU time at about 10^8 operations per second and core.</summary>
    public const long MaxOperations = 1_000_000_000_000;

    /// <summary>Wall-clock horizon of a trial, 10^9 s (about 32 years): a run whose noise-free length exceeds half of it is
    /// refused, and a trial whose clocks pass it (an astronomically long detour) stops with an
    /// <see cref="ArgumentException"/>; beyond it a double no longer resolves sub-microsecond detours.</summary>
    public const double HorizonSeconds = 1e9;

    /// <summary>Simulates <see cref="WallClockOptions.Trials"/> independent runs of <see cref="WallClockOptions.Steps"/>
    /// consecutive steps of <paramref name="shape"/> on <paramref name="ranks"/> ranks under <paramref name="noise"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Ranks outside [1, 2^26]; more than 254 node classes; trials × steps
    /// above <see cref="WallClockOptions.MaxTrialSteps"/>; more work than <see cref="MaxOperations"/>; a noise-free run
    /// longer than half of <see cref="HorizonSeconds"/>; or more memory than the process has.</exception>
    /// <exception cref="ArgumentException">Burn-in not below the step count; an overhead above half the round; or a trial
    /// that ran away (a detour so long that its clocks passed <see cref="HorizonSeconds"/>, or more than its detour budget
    /// of 64 times the expected number plus 4 per CPU window and source, at least 2^30).</exception>
    public static WallClockResult Simulate(NoiseProfile noise, StepShape shape, long ranks, WallClockOptions options)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(options);
        var overhead = Validate(noise, shape, ranks, options);
        var model = new TimelineModel(noise, shape.RanksPerNode);
        var p = (int)ranks;
        var kernel = new StepKernel(shape, p, overhead);
        var (trials, steps) = (options.Trials, options.Steps);
        var (workers, detourBudget) = Plan(model, shape, ranks, options, kernel);

        var means = new double[trials * steps];   // mean_i C_i(n) of trial t at [t·steps + n − 1]
        var maxima = new double[trials * steps];  // max_i C_i(n)
        var quietMeans = new double[steps];
        var quietMaxima = new double[steps];
        // Item 0 is the noise-free run, item t + 1 trial t: claimed in order, so the noise-free run overlaps the first trials.
        void RunItem(int item, ref RankClocks? clocks, ref RankClocks? quiet)
        {
            if (item == 0)
            {
                quiet ??= new RankClocks(TimelineModel.Silent, p, kernel.NeedsArrivals, false);
                Run(kernel, quiet, -1, 0, long.MaxValue, steps, quietMeans, quietMaxima);
                return;
            }
            var t = item - 1;
            clocks ??= new RankClocks(model, p, kernel.NeedsArrivals, options.InProgressAtStart);
            Run(kernel, clocks, t, StreamRandom.TrialKey(options.Seed, t), detourBudget, steps, means.AsSpan(t * steps, steps), maxima.AsSpan(t * steps, steps));
        }

        if (workers <= 1)
        {
            RankClocks? clocks = null, quiet = null;
            for (var item = 0; item <= trials; item++) RunItem(item, ref clocks, ref quiet);
        }
        else
        {
            var next = -1;
            var failedItem = int.MaxValue;
            ExceptionDispatchInfo? failure = null;
            var gate = new object();
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
            {
                RankClocks? clocks = null, quiet = null;
                int item;
                while ((item = Interlocked.Increment(ref next)) <= trials && Volatile.Read(ref failedItem) == int.MaxValue)
                {
                    try
                    {
                        RunItem(item, ref clocks, ref quiet);
                    }
                    catch (Exception e)
                    {
                        // Items are claimed in order and every claimed item runs to its end, so the lowest failing item
                        // is the same whatever the thread count: report that one.
                        lock (gate)
                            if (item < failedItem) (failedItem, failure) = (item, ExceptionDispatchInfo.Capture(e));
                    }
                }
            });
            failure?.Throw();
        }
        return Summarise(options, p, kernel, means, maxima, quietMeans, quietMaxima) with { OverheadSeconds = overhead, WireSeconds = Math.Max(0, shape.Round.Seconds - 2 * overhead) };
    }

    /// <summary>One trial (index −1: the noise-free run): every step, then the mean and the maximum over ranks of the clocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(StepKernel kernel, RankClocks clocks, int trial, ulong trialKey, long detourBudget, int steps, Span<double> means, Span<double> maxima)
    {
        clocks.BeginTrial(trial, trialKey, detourBudget);
        var time = clocks.Time;
        for (var n = 0; n < steps; n++)
        {
            kernel.Step(clocks, n == 0);
            var sum = 0.0;
            var max = double.NegativeInfinity;
            foreach (var v in time)
            {
                sum += v;
                if (v > max) max = v;
            }
            means[n] = sum / time.Length;
            maxima[n] = max;
        }
    }

    private static WallClockResult Summarise(WallClockOptions options, int ranks, StepKernel kernel, double[] means, double[] maxima, double[] quietMeans, double[] quietMaxima)
    {
        var (trials, steps, burnIn) = (options.Trials, options.Steps, options.BurnInSteps);
        double At(double[] c, int t, int n) => n == 0 ? 0 : c[t * steps + n - 1];
        var perStep = ImmutableArray.CreateBuilder<WallClockStep>(steps);
        for (var n = 1; n <= steps; n++)
        {
            var step = n;
            var (mean, se) = MeanAndError(trials, t => At(means, t, step) - At(means, t, step - 1));
            var (slowest, slowestSe) = MeanAndError(trials, t => At(maxima, t, step) - At(maxima, t, step - 1));
            var quietMean = quietMeans[n - 1] - (n == 1 ? 0 : quietMeans[n - 2]);
            var quietSlowest = quietMaxima[n - 1] - (n == 1 ? 0 : quietMaxima[n - 2]);
            perStep.Add(new WallClockStep(n, mean, se, slowest, slowestSe, quietMean, quietSlowest));
        }
        var span = steps - burnIn;
        var stationary = new double[trials];
        for (var t = 0; t < trials; t++) stationary[t] = (At(means, t, steps) - At(means, t, burnIn)) / span;
        var (sMean, sSe) = MeanAndError(trials, t => stationary[t]);
        var (sSlowest, sSlowestSe) = MeanAndError(trials, t => (At(maxima, t, steps) - At(maxima, t, burnIn)) / span);
        var quietStationary = (quietMeans[steps - 1] - (burnIn == 0 ? 0 : quietMeans[burnIn - 1])) / span;
        return new WallClockResult(ranks, kernel.Rounds, perStep.MoveToImmutable(), sMean, sSe, sSlowest, quietStationary, ImmutableArray.Create(stationary))
        {
            StationarySlowestStandardErrorSeconds = sSlowestSe,
            Trials = trials,
            TrialClockMeans = [.. means],
            BurnInSteps = burnIn,
            RankRounds = (long)trials * steps * ranks * (1 + kernel.Rounds),
            CpuWindows = (long)trials * steps * kernel.CpuWindowsPerStep,
        };
    }

    /// <summary>Mean of f(0 … n − 1) and its standard error, sample standard deviation (n − 1 denominator) / √n, summed in
    /// trial order.</summary>
    internal static (double Mean, double StandardError) MeanAndError(int n, Func<int, double> f)
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += f(i);
        var mean = sum / n;
        var ss = 0.0;
        for (var i = 0; i < n; i++) ss += (f(i) - mean) * (f(i) - mean);
        return (mean, Math.Sqrt(ss / (n - 1) / n));
    }

    /// <summary>
    /// The run's cost limits, checked before anything is allocated: the ranks' slots in one array, the work against
    /// <see cref="MaxOperations"/>, the noise-free run against <see cref="HorizonSeconds"/>, the memory against what the
    /// process may use (workers are reduced to fit, down to one). Returns the worker count and each trial's detour budget:
    /// 64 times the detours a trial is expected to draw plus 4 per CPU window and source, at least 2^30.
    /// </summary>
    private static (int Workers, long DetourBudget) Plan(TimelineModel model, StepShape shape, long ranks, WallClockOptions options, StepKernel kernel)
    {
        if (ranks * Math.Max(1, model.Stride) > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(ranks), ranks, $"ranks={ranks} with {model.Stride} noise sources per rank need {ranks * model.Stride} slots, but one array holds at most {Array.MaxLength}");
        var (trials, steps) = (options.Trials, options.Steps);
        // Noise-free length of a step on its critical path (an upper bound on the stationary one), and of a run with noise
        // taking its fraction of each core.
        var step = shape.Work.Seconds + kernel.Rounds * shape.Round.Seconds;
        var runSeconds = steps * step / (1 - model.MaxFraction);
        if (!(steps * step <= HorizonSeconds / 2))
            throw new ArgumentOutOfRangeException(nameof(shape), steps * step, string.Create(CultureInfo.InvariantCulture,
                $"options.Steps x (Work + rounds x Round) = {steps} x {step:G4} s = {steps * step:G4} s of simulated time, but it should be at most {HorizonSeconds / 2:G4} s (half the simulator's horizon)"));
        var detoursPerTrial = ranks * (model.DetourRate * runSeconds + model.Stride);
        var operations = trials * ((double)steps * ranks * (1 + kernel.Rounds) + detoursPerTrial);
        if (!(operations <= MaxOperations))
            throw new ArgumentOutOfRangeException(nameof(options), operations, string.Create(CultureInfo.InvariantCulture,
                $"trials x (steps x ranks x (1 + rounds) + expected detours per trial) = {trials} x ({steps} x {ranks} x {1 + kernel.Rounds} + {detoursPerTrial:G4}) = {operations:G4} operations, but it should be at most {MaxOperations:G4} (hours of CPU time): use fewer trials, steps or ranks"));
        // Waits can make a run far longer than its noise-free length, but an idle gap costs at most a few draws per source
        // (jumps), so each CPU window gets an allowance of 4 per source on top of 64 times the expected detours.
        var detourBudget = (long)Math.Min(long.MaxValue / 2, Math.Max(1L << 30, 64 * detoursPerTrial + 4.0 * model.Stride * steps * kernel.CpuWindowsPerStep));

        var perWorker = RankClocks.BytesFor(model, ranks, kernel.NeedsArrivals);
        var fixedBytes = 16L * trials * steps + 8L * trials + RankClocks.BytesFor(TimelineModel.Silent, ranks, kernel.NeedsArrivals);
        var usable = (long)(0.8 * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) - GC.GetTotalMemory(false);
        if (fixedBytes + perWorker > usable)
            throw new ArgumentOutOfRangeException(nameof(ranks), ranks, string.Create(CultureInfo.InvariantCulture,
                $"ranks={ranks} with {model.Stride} noise sources per rank need {(fixedBytes + perWorker) / 1e9:G3} GB ({perWorker / (double)ranks:F0} bytes per rank and worker), but the process may use about {Math.Max(0, usable) / 1e9:G3} GB"));
        var workers = Math.Min(options.MaxThreads == 0 ? Environment.ProcessorCount : options.MaxThreads, trials + 1);
        workers = (int)Math.Max(1, Math.Min(workers, (usable - fixedBytes) / perWorker));
        return (workers, detourBudget);
    }

    /// <summary>The simulator's own limits and the rules that span the options and the shape; returns o.</summary>
    private static double Validate(NoiseProfile noise, StepShape shape, long ranks, WallClockOptions options)
    {
        if (ranks < 1 || ranks > MaxRanks)
            throw new ArgumentOutOfRangeException(nameof(ranks), ranks, $"ranks={ranks}, but it should be in [1, {MaxRanks}] (2^26)");
        if (noise.NodeClasses.Length > 254)
            throw new ArgumentOutOfRangeException(nameof(noise), noise.NodeClasses.Length, $"the profile has {noise.NodeClasses.Length} node classes, but the simulator supports at most 254");
        if ((long)options.Trials * options.Steps > WallClockOptions.MaxTrialSteps)
            throw new ArgumentOutOfRangeException(nameof(options), (long)options.Trials * options.Steps, $"options.Trials x options.Steps = {options.Trials} x {options.Steps}, but it should be at most {WallClockOptions.MaxTrialSteps} (the per-step results take 16 bytes per trial and step)");
        if (options.BurnInSteps >= options.Steps)
            throw new ArgumentException($"options.BurnInSteps={options.BurnInSteps}, but it should be < options.Steps={options.Steps}: no step is left for the stationary mean", nameof(options));
        var round = shape.Round.Seconds;
        var overhead = options.Overhead?.Seconds ?? round / 2;
        if (shape.Sync is not (SyncShape.None or SyncShape.Barrier) && overhead > round / 2)
            throw new ArgumentException($"options.Overhead={UnitFormat.Seconds(overhead)}, but it should be <= half the round ({UnitFormat.Seconds(round / 2)}): a round is o + wire + o", nameof(options));
        return overhead;
    }
}
