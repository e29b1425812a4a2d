using System.Globalization;
using PerfModel.Communication;
using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>
/// Closed forms for a bulk-synchronous step under OS noise at any P, with the wall-clock semantics of the reference
/// simulator (<see cref="WallClock.WallClockSimulator"/>; Hoefler, Schneider, Lumsdaine, SC10, doi:10.1109/SC.2010.12):
/// every CPU window — the compute W and, per message, a send window o = c/2 on the sender and a receive window o on the
/// receiver (the wire time c − 2o is 0: the whole round is CPU time) — is charged the full length of every detour that
/// starts in it plus the remainder of every detour in progress at its start (the inspection paradox), never compounding.
/// <para>Representation. Every delay distribution lives on one grid per evaluation (<see cref="NoiseGrid"/>, chosen by
/// <see cref="GridPlan"/>): linear where the body lives and fixed durations sit exactly on points, geometric in the tail,
/// with the part beyond the last point kept as its mass and excess (a fitted power law). Values between points are split
/// between the two around them (mass and mean kept; <see cref="GridMeasure"/>). A window's charged noise is compound
/// Poisson per Poisson source — starts λT·D plus the remainders of the detours in progress, whose ages are weighted by
/// the chance that the gap before the window is longer (<see cref="WindowNoise"/>, <see cref="DetourMeasure"/>) — and
/// a two-regime mixture per periodic source (Tsafrir et al., ICS 2005, doi:10.1145/1088149.1088195). Convolution is the
/// pairwise sum on the grid; the maximum of P independent copies is 1 − (1 − S)^P = −expm1(P·log1p(−S)) pointwise; so
/// E[max] = Σ Δx·(1 − F^P) plus the tail's part, at a cost that does not depend on P. Heavy tails are exact: the grid
/// reaches where P·S is negligible and the tail beyond it is the single-big-jump asymptote P(S &gt; x) ~ E[N]·P(D &gt; x)
/// (Embrechts, Klüppelberg, Mikosch, 1997; Agarwal, Garg, Vishnoi, HiPC 2005, doi:10.1007/11602569_25).</para>
/// <para>Shapes (step time = mean over ranks of the time spent in the step). None: each rank alone. Barrier: every rank
/// leaves when the last arrives; the first step is W + E[max_P X], X the compute noise in the stationary state, and the
/// stationary step follows from the Markov chain of the step's delay, which is the next step's gap (<see cref="GapChain"/>;
/// exact up to the grid of gaps). Node classes (<see cref="NoiseProfile.NodeClasses"/>): a barrier's maximum is
/// (Σ_c s_c F_c^R)^(P/R) exactly (<see cref="NoisePopulations"/>); the collectives keep their laws per class, a rank
/// charged its class's noise in every window and its partner of the same class when both are on one node, else of a class
/// drawn with the shares (<see cref="StepContext.SameNode"/>). Recursive doubling (MPICH at any P, ⌊log₂ P⌋ + 2 rounds when P is not a power of two), dissemination
/// (⌈log₂ P⌉ rounds) and the binomial tree (reduce + broadcast at any P): law recursions over independent clocks
/// (<see cref="RecursiveDoublingForm"/>, <see cref="DisseminationForm"/>, <see cref="TreeForm"/>), whose stationary steps
/// are approximations. Co-scheduled noise: one timeline for every rank, so nothing grows with P — the step is a single
/// rank's chain of windows (for the collectives: its compute and rounds back to back, an approximation).</para>
/// <para>Measured. The barrier's first step is exact up to the grid: against numerical integration, 0.001–0.07 % for
/// Pareto α ∈ [1.5, 3], log-normal σ ≤ 3 and a long-tailed empirical trace, both from a cold start and with the detours in
/// progress (infinite, as it should be, for α ≤ 2). Against the wall-clock simulator (W = 100 µs, c = 2 µs; P = 64 …
/// 2^20; first step, the mean of 20 steps after a burn-in of 10, and runs of 20 steps (<see cref="NoiseRun"/>);
/// tests/…/AgreementMatrixTests): no
/// synchronisation, the barrier, the dissemination barrier and the co-scheduled shapes within 1 % or 3 standard errors
/// everywhere; recursive doubling and the binomial tree within 1 % for exponential, Pareto α = 2.5 and periodic-tick
/// noise, except recursive doubling's stationary step, which runs 0.2–1.4 % low at P ≥ 1,000 (its offset
/// approximation). Both collectives' stationary steps are approximations that degrade when the steps' delays are many
/// windows long (the FWQ trace, log-normal σ = 2 at 1,000/s): recursive doubling −18 % (FWQ) and +17 % (log-normal) at
/// 16,384, −10 % (FWQ) at 131,072; and where detours as long as a step are frequent on every core (a 200 µs daemon at
/// 100/s: recursive doubling −10 %, the tree −3 %; tests/…/FrequentDaemonAgreementTests). Where the noise keeps 10⁻²
/// detours or more in progress on a core, a receive is charged the in-progress remainders of its own gap given its start
/// (<see cref="ClosedFormOptions.ReceivesConditionedOnStart"/>; averaged over the starts, the FWQ cases above read −23.5 %
/// and −18.3 %, the tree −6.0 % at 131,072, the daemon's recursive doubling −15 %). Sources whose mean detour outlasts four steps
/// (<see cref="LongDetourSteps"/>; Linux's 1 ms noisy-core detours) hold an allreduce or a dissemination barrier like a
/// barrier: its stationary step is the larger of the collective's under the other sources and a barrier's over the same
/// CPU time under all of them (<see cref="ClosedFormOptions.LongDetoursAsBarrier"/>). Measured with Linux's default noise
/// (tests/…/LongDetourAgreementTests): recursive doubling +0.6 % (0.4 s.e.) at 16,384 and −0.1 % at 65,536 ranks,
/// dissemination −1.9 % (0.5 s.e.) at 65,536 (the recursion alone: +8.0 %, 3.3 s.e.); on the predictor's MiniFE allreduce
/// (tests/…/PredictorShapeAgreementTests) see there. The first steps of those heavy tails at large P are
/// beyond what a few simulated trials can estimate (their maxima have heavy tails), and are compared from a cold start.
/// Monotone in P up to 2^30 (the grid is the same at every P; tests/…/MonotonicityTests), except where the step itself
/// is not: recursive doubling at a power of two (two rounds fewer), the tree's first step (a mean over ranks).</para>
/// </summary>
public static class NoiseClosedForm
{
    /// <summary>E[step time] and its statistics for <paramref name="ranks"/> ranks (a finite number ≥ 1; the collectives
    /// take the nearest whole number) under <paramref name="noise"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ranks"/> is not a finite number ≥ 1, or the step holds
    /// more than <see cref="MaxDetoursPerWindow"/> expected detours per core.</exception>
    public static ClosedFormResult Evaluate(NoiseProfile noise, StepShape shape, double ranks, ClosedFormOptions? options = null)
    {
        var (collective, p, profiles, checkedOptions) = Prepare(noise, shape, ranks, options);
        options = checkedOptions;
        var work = shape.Work.Seconds;
        var overhead = shape.Round.Seconds / 2;
        var rounds = shape.RoundsFor(p);
        if (profiles.All(pr => CompoundPoissonLattice.Active(pr).Length == 0) || (collective && p == 1 && work == 0))
            return Quiet(shape, p, options);

        var cpu = CpuSeconds(shape, p);
        var detours = profiles.Max(pr => CompoundPoissonLattice.Active(pr).Sum(s => s.Rate.PerSecond)) * cpu;
        if (!(detours <= MaxDetoursPerWindow))
            // No parameter name or value: the message is the whole of it (one line, as a front end shows it).
            throw new ArgumentOutOfRangeException(null, string.Create(CultureInfo.InvariantCulture,
                $"a step of {cpu:G4} s of CPU time (work {shape.Work}, {rounds} rounds) holds {detours:G4} expected detours per core; the closed forms resolve at most {MaxDetoursPerWindow:G3} per step: shorten the work per step or lower the detour rate"));
        // The grid does not depend on P up to 2^30 (its tail reaches where 2^30 ranks need it), so that E[step] is computed
        // on the same points at every P: monotone in P by construction, not up to the grid's resolution.
        var grid = Grid(profiles, shape, p, options);
        var pops = new NoisePopulations(grid, noise, p, shape.RanksPerNode, options.TimelineAgeSeconds);
        double first, firstNoiseFree, stationary, stationaryNoiseFree;
        GridMeasure law;
        if (!collective || pops.CoScheduled)
        {
            var (chain, firstLaw, noiseFree) = OneWindow(pops, shape, p, options, collective, collective ? cpu : work);
            (firstNoiseFree, stationaryNoiseFree) = (shape.FirstStepNoiseFree(p).Seconds, noiseFree);
            first = firstNoiseFree + firstLaw.Moment;
            stationary = noiseFree + chain.Stationary.Moment;
            law = chain.Stationary.Shift(0);
            return Result(options, grid, first, firstNoiseFree, stationary, stationaryNoiseFree, law, noiseFree, firstLaw, firstNoiseFree);
        }

        var ctx = new StepContext(pops, work, overhead, 0, options.InProgressAtStart, options.ReceivesConditionedOnStart);
        var n = (long)p;
        // Detours longer than the step: a rank held by one holds every rank of an allreduce or a dissemination barrier
        // within the step (each depends on every other), whatever the pattern of the rounds, so the step is at least a
        // barrier over the same CPU time under all the noise; the rounds' structure matters for the short detours. The
        // stationary step is the larger of the collective's under the short sources alone and that barrier's (both
        // monotone in P, so their maximum is). Measured against the wall-clock simulator on the predictor's MiniFE
        // allreduce under Linux's 1 ms noisy-core detours (tests/…/PredictorShapeAgreementTests) and W = 100 µs
        // (tests/…/LongDetourAgreementTests); see the class remarks.
        var shortNoise = options.LongDetoursAsBarrier && shape.Sync is SyncShape.AllreduceRecursiveDoubling or SyncShape.DisseminationBarrier
            ? WithoutLongDetours(noise, LongDetourSteps * CpuSeconds(shape, GridReach)) : null;
        var full = Collective(ctx, shape, pops, n, p, options, stationary: shortNoise is null);
        var conditioned = ctx.Conditioned;
        if (shortNoise is not null)
        {
            var shortPops = new NoisePopulations(grid, shortNoise, p, shape.RanksPerNode, options.TimelineAgeSeconds);
            var shortCtx = new StepContext(shortPops, work, overhead, 0, options.InProgressAtStart, options.ReceivesConditionedOnStart);
            var shortStep = Collective(shortCtx, shape, shortPops, n, p, options, stationary: true);
            conditioned |= shortCtx.Conditioned;
            var barrier = cpu + GapChain.Evaluate(pops, cpu, p, options.InProgressAtStart).Stationary.Moment;
            full = full with { Stationary = Math.Max(shortStep.Stationary, barrier), StationaryNoiseFree = shortStep.StationaryNoiseFree };
        }
        var point = GridMeasure.Zero(grid);
        var result = full.Law is { } rdLaw
            ? Result(options, grid, full.First, full.FirstNoiseFree, full.Stationary, full.StationaryNoiseFree, rdLaw, full.Stationary - rdLaw.Moment, rdLaw, full.First - rdLaw.Moment)
            : Result(options, grid, full.First, full.FirstNoiseFree, full.Stationary, full.StationaryNoiseFree, point, full.Stationary, point, full.First);
        result = result with { ReceivesConditionedOnStart = conditioned };
        return shortNoise is null ? result : result with { LongDetourSources = LongSourceNames(noise, LongDetourSteps * CpuSeconds(shape, GridReach)) };
    }

    /// <summary>One window per step: a rank alone (None), the group's maximum (Barrier), or one shared timeline — the gap
    /// chain, the first step's delay law and the noise-free step.</summary>
    private static (GapChain.Result Chain, GridMeasure FirstLaw, double NoiseFree) OneWindow(NoisePopulations pops, StepShape shape, double p, ClosedFormOptions options, bool collective, double window)
    {
        var chain = GapChain.Evaluate(pops, window, shape.Sync == SyncShape.Barrier && !pops.CoScheduled ? p : 1, options.InProgressAtStart);
        var noiseFree = shape.NoiseFree(p).Seconds;
        var firstNoiseFree = shape.FirstStepNoiseFree(p).Seconds;
        var firstLaw = chain.First;
        if (collective && firstNoiseFree != noiseFree)
        {
            // The first step's ranks finish at different times (the tree's broadcast, the pairing exchanges of
            // recursive doubling): one window as long as their mean completion, from the run's start.
            var start = pops.Noise[0];
            firstLaw = start.Law(firstNoiseFree, options.InProgressAtStart ? start.Stationary : start.NoGap);
        }
        return (chain, firstLaw, noiseFree);
    }

    /// <summary>E[step k], k = 1 … <paramref name="steps"/>, of a run of one-window steps (no synchronisation, the
    /// barrier, co-scheduled noise): the first step, then the noise-free step plus the gap chain's transient from the first
    /// step's delay (<see cref="GapChain.Result.Delays"/>); null for the other collectives and where the step has no noise
    /// (<see cref="NoiseRun"/>).</summary>
    internal static double[]? OneWindowRun(NoiseProfile noise, StepShape shape, double ranks, ClosedFormOptions? options, int steps)
    {
        var (collective, p, profiles, checkedOptions) = Prepare(noise, shape, ranks, options);
        if (profiles.All(pr => CompoundPoissonLattice.Active(pr).Length == 0) || (collective && p == 1 && shape.Work.Seconds == 0)) return null;
        var grid = Grid(profiles, shape, p, checkedOptions);
        var pops = new NoisePopulations(grid, noise, p, shape.RanksPerNode, checkedOptions.TimelineAgeSeconds);
        if (collective && !pops.CoScheduled) return null;
        var (chain, firstLaw, noiseFree) = OneWindow(pops, shape, p, checkedOptions, collective, collective ? CpuSeconds(shape, p) : shape.Work.Seconds);
        var delays = chain.Delays(firstLaw, steps);
        var run = new double[steps];
        run[0] = shape.FirstStepNoiseFree(p).Seconds + delays[0];
        for (var k = 1; k < steps; k++) run[k] = noiseFree + delays[k];
        return run;
    }

    /// <summary>A collective's first and stationary steps (and, for recursive doubling, the law of its first step's
    /// completion, which the median, p99 and run spread are read from); recursive doubling's stationary values are NaN
    /// when they were not asked for.</summary>
    private sealed record CollectiveStep(double First, double FirstNoiseFree, double Stationary, double StationaryNoiseFree, GridMeasure? Law);

    private static CollectiveStep Collective(StepContext ctx, StepShape shape, NoisePopulations pops, long n, double p, ClosedFormOptions options, bool stationary)
    {
        var overhead = ctx.Overhead;
        switch (shape.Sync)
        {
            case SyncShape.AllreduceRecursiveDoubling:
            {
                var (f, s, sNf) = RecursiveDoublingForm.Evaluate(ctx, n, stationary);
                var core = 1L << CollectiveRounds.FloorLog2(n);
                if (stationary && core != n)
                {
                    // The period of P ranks is at least that of its power-of-two core: the pairing ranks only add
                    // dependencies to the core's exchanges. Not that plus the pairing exchanges' two rounds: the core's ranks
                    // idle while a pair catches up, and an idle core absorbs its detours (the wall-clock simulator,
                    // exponential noise, W = 100 µs, 150 trials: 149.50 ± 0.13 µs at 1,024 ranks, 149.49 ± 0.12 µs at
                    // 1,025, where that bound read 153.27 µs; the closed form 149.27 and 149.29 µs).
                    // Likewise at least that of P′ = p′ + 2^⌊log₂ r⌋ ≤ P (fewer pairing ranks). The offset approximation
                    // meets both bounds by itself in every case measured but one (exponential and Pareto α = 2.5 noise,
                    // W = 100 µs, P = 2^k + 1 … 2^(k+1) − 1, k = 5, 10, 16: 10⁻⁶–10⁻⁴ of the step above its core's at
                    // 2^k + 1), where it falls 1.3·10⁻⁴ below P′'s (Pareto, P = 98,305 against 98,304); they are kept so
                    // that E[step] is monotone in P within each octave by construction.
                    var (_, coreStationary, _) = RecursiveDoublingForm.Evaluate(ctx, core);
                    s = Math.Max(s, coreStationary);
                    var anchor = core + (1L << CollectiveRounds.FloorLog2(n - core));
                    if (anchor != n) s = Math.Max(s, RecursiveDoublingForm.Evaluate(ctx, anchor).Stationary);
                }
                return new CollectiveStep(f.Mean, f.NoiseFree, s, sNf, f.Law.Delay);
            }
            case SyncShape.DisseminationBarrier:
            {
                var (first, firstNoiseFree, s, sNf) = DisseminationForm.Evaluate(ctx, n);
                return new CollectiveStep(first, firstNoiseFree, s, sNf, null);
            }
            default:
            {
                var barrier = GapChain.Evaluate(pops, ctx.Work, p, options.InProgressAtStart).Stationary;
                var (first, firstNoiseFree, s, sNf) = TreeForm.Evaluate(ctx, n, barrier);
                return new CollectiveStep(first, firstNoiseFree, s, sNf, null);
            }
        }
    }

    /// <summary>
    /// Steps a detour must outlast, on average, for its source to count as long (see <see cref="Evaluate"/>): 4, against the
    /// step's CPU time at the largest P the grid reaches, so that a source is long or short at every P alike. An estimate
    /// from the simulator: detours 6–30 steps long (Linux's 1 ms noisy-core detours, W = 16–100 µs) hold recursive doubling
    /// within 1–4 % of a barrier over the same CPU time, while a 200 µs daemon (1.25 steps of W = 100 µs,
    /// NodeClassAgreementTests) leaves the barrier's closed form 18 % below the simulated allreduce.
    /// </summary>
    internal const double LongDetourSteps = 4;

    /// <summary>Whether <paramref name="source"/> is long: Poisson or trace arrivals whose mean detour is at least
    /// <paramref name="longSeconds"/>.</summary>
    private static bool IsLong(NoiseSource source, double longSeconds) =>
        source.Arrival != NoiseArrival.Periodic && source.Rate.PerSecond > 0 && source.Duration.MeanSeconds >= longSeconds;

    /// <summary>The names of the long sources, the base's and the classes', each once.</summary>
    private static System.Collections.Immutable.ImmutableArray<string> LongSourceNames(NoiseProfile noise, double longSeconds) =>
        [.. noise.Sources.Concat(noise.NodeClasses.SelectMany(c => c.Noise.Sources)).Where(s => IsLong(s, longSeconds)).Select(s => s.Name).Distinct()];

    /// <summary>The profile without its long sources — Poisson or trace sources whose mean detour is at least
    /// <paramref name="longSeconds"/> — in its own sources and its classes' (a class left with the base's sources is
    /// dropped); null when it has none.</summary>
    internal static NoiseProfile? WithoutLongDetours(NoiseProfile noise, double longSeconds)
    {
        bool Long(NoiseSource s) => IsLong(s, longSeconds);
        if (!noise.Sources.Any(Long) && !noise.NodeClasses.Any(c => c.Noise.Sources.Any(Long))) return null;
        NoiseProfile Short(NoiseProfile pr) => pr with { Sources = [.. pr.Sources.Where(s => !Long(s))] };
        var shortBase = Short(noise);
        // A class left with the base's own sources is the base: dropped, so that its law is not computed twice.
        return shortBase with
        {
            NodeClasses = [.. noise.NodeClasses.Select(c => c with { Noise = Short(c.Noise) })
                .Where(c => !(c.Noise.CoScheduled == shortBase.CoScheduled && Internal.ValueEquality.Sequence(c.Noise.Sources, shortBase.Sources)))],
        };
    }

    /// <summary>The number of points of the grid <see cref="Evaluate"/> puts the delays on for this step, without evaluating
    /// it (the grid is planned from the sources' quantiles; <see cref="ClosedFormResult.GridPoints"/> reports the same
    /// number afterwards). An evaluation's cost grows as its square: a front end can bound the work before starting it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ranks"/> is not a finite number ≥ 1.</exception>
    public static int GridPoints(NoiseProfile noise, StepShape shape, double ranks, ClosedFormOptions? options = null)
    {
        var (_, p, profiles, checkedOptions) = Prepare(noise, shape, ranks, options);
        return profiles.All(pr => CompoundPoissonLattice.Active(pr).Length == 0) ? 0 : Grid(profiles, shape, p, checkedOptions).Count;
    }

    /// <summary>The arguments checked, and what every evaluation derives from them: whether the shape is a collective, P (the
    /// nearest whole number for a collective), the populations' profiles (the base noise, then the node classes') and the
    /// options (the defaults when none are given).</summary>
    private static (bool Collective, double Ranks, NoiseProfile[] Profiles, ClosedFormOptions Options) Prepare(NoiseProfile noise, StepShape shape, double ranks, ClosedFormOptions? options)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(shape);
        if (!(ranks >= 1) || double.IsInfinity(ranks))
            throw new ArgumentOutOfRangeException(nameof(ranks), ranks, $"ranks={ranks}, but it should be a finite number >= 1");
        var collective = shape.Sync is not (SyncShape.None or SyncShape.Barrier);
        return (collective, collective ? Math.Max(1, Math.Round(ranks)) : ranks, [noise, .. noise.NodeClasses.Select(c => c.Noise)], options ?? ClosedFormOptions.Default);
    }

    /// <summary>The evaluation's grid: the same at every P up to 2^30 (see <see cref="GridReach"/>).</summary>
    private static NoiseGrid Grid(NoiseProfile[] profiles, StepShape shape, double p, ClosedFormOptions options) =>
        GridPlan.For(profiles, CpuSeconds(shape, p), shape.Sync == SyncShape.TreeReduceBroadcast ? shape.Round.Seconds / 2 : 0, Math.Max(p, GridReach), options);

    /// <summary>CPU time of one rank in a step: W plus the send and receive windows o of every round (twice for the tree's
    /// reduce and broadcast).</summary>
    private static double CpuSeconds(StepShape shape, double p) =>
        shape.Work.Seconds + (shape.Sync == SyncShape.TreeReduceBroadcast ? 4 : 2) * shape.RoundsFor(p) * (shape.Round.Seconds / 2);

    /// <summary>
    /// Most expected detours per core in one step's CPU time (Σ rates × (W + the rounds' overheads)) that the closed forms
    /// resolve: 10^5. The delay of a window is put on one grid whose linear part spans its body; with more detours the
    /// body is a narrow peak far from 0 (relative spread ~ 1/√n) that the grid no longer resolves, the step's slowdown
    /// drifts (measured: Linux's noise at 10^4 s of work per step agrees with its detour fraction to 10^-5; at 10^5 s,
    /// 2.4·10^5 detours, it is 5 times too large; 10^6 detours of 1 ns per 1 s step give a slowdown of 1.5 instead of
    /// 1.001) and further on the lattice underflows. Beyond the limit <see cref="Evaluate"/> refuses the step.
    /// </summary>
    public const double MaxDetoursPerWindow = 1e5;

    /// <summary>P up to which the grid is the same at every P: 2^30.</summary>
    private const double GridReach = 1 << 30;

    /// <summary>Rounds of a collective among <paramref name="ranks"/> ranks (rounded to the nearest whole number), exact at
    /// any P, by the one rule of <see cref="CollectiveRounds"/>: recursive doubling (MPICH)
    /// <see cref="CollectiveRounds.RecursiveDoubling"/> — log₂ P at a power of two, else ⌊log₂ P⌋ + 2; the dissemination
    /// barrier and the binomial tree <see cref="CollectiveRounds.CeilLog2"/> (the tree's reduce; its broadcast has as many
    /// levels); None and Barrier 0; 0 for one rank.</summary>
    public static int Rounds(SyncShape sync, double ranks)
    {
        var n = (long)Math.Max(1, Math.Round(ranks));
        return sync switch
        {
            SyncShape.None or SyncShape.Barrier => 0,
            SyncShape.AllreduceRecursiveDoubling => n < 2 ? 0 : CollectiveRounds.RecursiveDoubling(n),
            _ => CollectiveRounds.CeilLog2(n),
        };
    }

    /// <summary>⌈log₂ P⌉ (0 for P ≤ 1; <see cref="CollectiveRounds.CeilLog2"/>): the rounds of the dissemination barrier and
    /// of the binomial tree.</summary>
    public static int Rounds(double ranks) => Rounds(SyncShape.DisseminationBarrier, ranks);

    private static ClosedFormResult Result(ClosedFormOptions options, NoiseGrid grid, double first, double firstNoiseFree, double stationary,
        double stationaryNoiseFree, GridMeasure stationaryLaw, double stationaryShift, GridMeasure firstLaw, double firstShift)
    {
        // Noise never makes a step faster: the mean steps are held at or above their noise-free times (the collectives'
        // stationary forms are approximations that can dip below them by rounding when the noise is light).
        first = Math.Max(first, firstNoiseFree);
        stationary = Math.Max(stationary, stationaryNoiseFree);
        var stationaryStep = TimeInterval.FromSeconds(stationary);
        var variance = stationaryLaw.GridVariance;
        RunSpread runs;
        if (options.StepsPerRun > 1 || !double.IsFinite(first))
        {
            // Normal approximation of a sum of stationary steps, held at or above the run's noise-free time.
            var normal = RunSpread.Normal(TimeInterval.FromSeconds(options.StepsPerRun * stationary), options.StepsPerRun * variance, options.Runs);
            var floor = options.StepsPerRun * stationaryNoiseFree;
            runs = normal with
            {
                Min = TimeInterval.FromSeconds(Math.Max(floor, normal.Min.Seconds)),
                Median = TimeInterval.FromSeconds(Math.Max(floor, normal.Median.Seconds)),
                Max = TimeInterval.FromSeconds(Math.Max(floor, normal.Max.Seconds)),
            };
        }
        else
        {
            var mid = (options.Runs + 1) / 2;
            var o = firstLaw.OrderStatistics(options.Runs, 1, mid, options.Runs);
            var shift = firstShift;
            // Order statistics of the law's grid part; the shift puts them back on the step's clock.
            runs = new RunSpread
            {
                Runs = options.Runs,
                Min = TimeInterval.FromSeconds(Math.Max(firstNoiseFree, shift + o[0])),
                Median = TimeInterval.FromSeconds(Math.Max(firstNoiseFree, Math.Max(shift + o[0], shift + o[1]))),
                Max = TimeInterval.FromSeconds(Math.Max(firstNoiseFree, Math.Max(shift + o[1], double.IsFinite(o[2]) ? shift + o[2] : shift + o[1]))),
            };
        }
        return new ClosedFormResult
        {
            MeanStep = stationaryStep,
            NoiseFree = TimeInterval.FromSeconds(stationaryNoiseFree),
            FirstStepSeconds = first,
            FirstStepNoiseFree = TimeInterval.FromSeconds(firstNoiseFree),
            // A step is never faster than without noise: the shifted law's quantiles are held at or above the noise-free step
            // (the recursive-doubling law is the first step's, shifted to the stationary mean, an approximation whose
            // median can otherwise fall below it).
            Median = TimeInterval.FromSeconds(Math.Max(stationaryNoiseFree, stationaryShift + stationaryLaw.Quantile(0.5))),
            P99 = TimeInterval.FromSeconds(Math.Max(stationaryNoiseFree, stationaryShift + stationaryLaw.Quantile(0.99))),
            Runs = runs,
            GridPoints = grid.Count,
            StepVarianceSeconds2 = variance,
        };
    }

    private static ClosedFormResult Quiet(StepShape shape, double ranks, ClosedFormOptions options)
    {
        var noiseFree = shape.NoiseFree(ranks);
        return new ClosedFormResult
        {
            MeanStep = noiseFree, NoiseFree = noiseFree, FirstStepSeconds = shape.FirstStepNoiseFree(ranks).Seconds,
            FirstStepNoiseFree = shape.FirstStepNoiseFree(ranks), Median = noiseFree, P99 = noiseFree,
            Runs = RunSpread.Fixed(noiseFree, options.Runs), GridPoints = 0, StepVarianceSeconds2 = 0,
        };
    }
}
