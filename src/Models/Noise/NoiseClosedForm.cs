using PerfModel.Descriptions;
using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>
/// Exact closed forms (up to a reported lattice error) for a bulk-synchronous step under OS noise, for any detour
/// durations and any P, at a cost that does not grow with P except through the ceil(log2 P) rounds of a collective.
/// <para>Semantics. Each rank's delay over a window w, X(w), is the sum of the durations of the detours that start inside
/// the window (Poisson arrivals per source; the window is not stretched by them). A rank starts the step with
/// Y = W + X(W). With k = ceil(log2 P) and c the noise-free round time (P is rounded up to 2^k for the collectives):</para>
/// <list type="bullet">
/// <item>None: T = Y. Barrier (ideal, zero cost): T = max over the P ranks of Y: E = ∫(1 − F_Y^P).</item>
/// <item>Recursive-doubling allreduce and dissemination barrier: A_x = T_{x,r−1} + c + X_{x,r}(c), T_{x,r} = max(A_x, A_partner).
/// In both, x and its round-r partner depend on disjoint sets of ranks, so their times are independent and the
/// distribution of a rank's time follows exactly: G_r = (G_{r−1} ⊛ L_c)², G_0 = law of Y, L_c = law of c + X(c).</item>
/// <item>Binomial-tree reduce + broadcast: the receiver and sender subtrees are disjoint, so the root's law is
/// R_r = R_{r−1} · (R_{r−1} ⊛ L_c) (product of CDFs); the broadcast adds one L_c per hop, and a rank has Binomial(k, ½)
/// hops, so a rank's law is the mixture Σ_h C(k,h) 2^−k R_k ⊛ L_c^{⊛h}.</item>
/// <item>Co-scheduled noise: all ranks share their detours, every max is over identical copies and nothing is amplified.</item>
/// </list>
/// <para>The reported step time is E[T] of a rank (all ranks are identically distributed). Distributions live on a lattice
/// (<see cref="LatticePlan"/>); durations rounded down and up bracket the exact value. References: Hoefler, Schneider,
/// Lumsdaine, SC10 (noise propagation in collectives); Agarwal, Garg, Vishnoi, HiPC 2005 (noise classes and collective
/// scaling).</para>
/// </summary>
public static class NoiseClosedForm
{
    /// <summary>E[step time] and its statistics for <paramref name="ranks"/> ranks (a finite number ≥ 1; the collectives
    /// round it up to a power of two) under <paramref name="noise"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ranks"/> is not a finite number ≥ 1.</exception>
    public static ClosedFormResult Evaluate(NoiseProfile noise, StepShape shape, double ranks, ClosedFormOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(shape);
        options ??= ClosedFormOptions.Default;
        if (!(ranks >= 1) || double.IsInfinity(ranks))
            throw new ArgumentOutOfRangeException(nameof(ranks), ranks, $"ranks={ranks}, but it should be a finite number >= 1");

        var work = shape.Work.Seconds;
        var round = shape.Round.Seconds;
        var k = shape.RoundsFor(ranks);
        var noiseFree = shape.NoiseFree(ranks);
        if (CompoundPoissonLattice.Active(noise).Length == 0)
            return new ClosedFormResult
            {
                MeanStep = noiseFree, LowerBound = noiseFree, UpperBound = noiseFree, Median = noiseFree, P99 = noiseFree, NoiseFree = noiseFree,
                Runs = RunSpread.Fixed(noiseFree, options.Runs), LatticeStep = TimeInterval.Zero, LatticeBins = 0, ExactLattice = true,
                StepVarianceSeconds2 = 0,
            };

        var collectiveRanks = Math.Pow(2, k);
        var participants = shape.Sync == SyncShape.Barrier ? ranks : Math.Max(1, collectiveRanks);
        var plan = LatticePlan.For(noise, work, round, k, participants, options.DenseBins, options.MaxExactBins,
            alignRounds: shape.Sync == SyncShape.TreeReduceBroadcast);

        var floor = Pipeline(noise, shape, ranks, k, plan, LatticeRounding.Floor, out _);
        var ceil = plan.Exact ? floor : Pipeline(noise, shape, ranks, k, plan, LatticeRounding.Ceil, out _);
        var tailTerm = TailBeyondLattice(noise, shape, participants, k, plan);
        // Lumping at the lattice's ends can put the two roundings a hair (~1e-4 of a step) out of order; the bracket is
        // reported as the interval they span.
        var lower = Math.Min(floor.Mean, ceil.Mean);
        var upper = Math.Max(floor.Mean, ceil.Mean) + tailTerm;
        var mid = 0.5 * (lower + upper);
        return new ClosedFormResult
        {
            MeanStep = TimeInterval.FromSeconds(mid),
            LowerBound = TimeInterval.FromSeconds(lower),
            UpperBound = TimeInterval.FromSeconds(upper),
            Median = TimeInterval.FromSeconds(0.5 * (floor.Median + ceil.Median)),
            P99 = TimeInterval.FromSeconds(0.5 * (floor.P99 + ceil.P99)),
            NoiseFree = noiseFree,
            Runs = RunSpreadOf(floor, ceil, options),
            LatticeStep = TimeInterval.FromSeconds(plan.StepSeconds),
            LatticeBins = plan.Bins,
            ExactLattice = plan.Exact,
            StepVarianceSeconds2 = StepVariance(floor),
        };
    }

    /// <summary>ceil(log2 P).</summary>
    public static int Rounds(double ranks)
    {
        var r = 0;
        while (Math.Pow(2, r) < ranks) r++;
        return r;
    }

    private sealed record Outcome(double Mean, double Median, double P99, LatticeDistribution StepLaw, double Copies);

    private static Outcome Pipeline(NoiseProfile noise, StepShape shape, double ranks, int k, LatticePlan plan, LatticeRounding rounding, out double overflow)
    {
        var h = plan.StepSeconds;
        var co = noise.CoScheduled;
        var eps = 1e-18 / Math.Max(ranks, Math.Pow(2, k));
        var work = shape.Work.Seconds;
        var round = shape.Round.Seconds;
        var x = CompoundPoissonLattice.Build(noise, work, h, rounding, Math.Max(1, plan.Bins), out overflow);
        var y = x.Shift(work);
        if (shape.Sync == SyncShape.None || (shape.Sync == SyncShape.Barrier && co))
            return new Outcome(y.MeanSeconds, y.Quantile(0.5), y.Quantile(0.99), y, 1);
        if (shape.Sync == SyncShape.Barrier)
            return new Outcome(y.ExpectedMaximumSeconds(ranks), y.QuantileOfMaximum(ranks, 0.5), y.QuantileOfMaximum(ranks, 0.99), y, ranks);

        // One round: c rounded to the lattice in the bracket's direction (keeps offsets on the lattice and the bound valid).
        var cSteps = rounding == LatticeRounding.Floor ? Math.Floor(round / h + 1e-9) : Math.Ceiling(round / h - 1e-9);
        var xc = CompoundPoissonLattice.Build(noise, round, h, rounding, RoundBins(noise, round, h, ranks, plan), out _).TruncateTail(eps);
        var lc = xc.Shift(cSteps * h);
        var g = y;
        // The lattice covers the step's extent (LatticePlan); what a collective pushes past it is lumped onto the last
        // point and bounded by the tail term.
        var cap = plan.Bins + (int)Math.Ceiling(k * round / h) + 2;
        switch (shape.Sync)
        {
            case SyncShape.AllreduceRecursiveDoubling:
            case SyncShape.DisseminationBarrier:
                // Every rank adds the same deterministic c per round and max(A + c, B + c) = max(A, B) + c, so the k·c
                // shift is taken out of the recursion exactly: only the noise X(c) is convolved, and c need not sit on
                // the lattice.
                var noiseOnly = xc;
                for (var r = 0; r < k; r++)
                {
                    var a = g.Convolve(noiseOnly);
                    g = (co ? a : a.MaximumOf(2)).TruncateTail(eps).Cap(cap);
                }
                g = g.Shift(k * round);
                return new Outcome(g.MeanSeconds, g.Quantile(0.5), g.Quantile(0.99), g, 1);
            case SyncShape.TreeReduceBroadcast:
                for (var r = 0; r < k; r++)
                {
                    var a = g.Convolve(lc);
                    g = (co ? a : g.MaxWith(a)).TruncateTail(eps).Cap(cap);
                }
                var mean = g.MeanSeconds + k / 2.0 * lc.MeanSeconds;
                var mixture = BroadcastMixture(g, lc, k, eps);
                return new Outcome(mean, mixture.Quantile(0.5), mixture.Quantile(0.99), mixture, 1);
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape.Sync, "unknown synchronisation shape");
        }
    }

    /// <summary>A rank's law after the broadcast: Σ_h C(k,h)/2^k · R ⊛ L_c^{⊛h} (h = hops = set bits of the rank index).</summary>
    private static LatticeDistribution BroadcastMixture(LatticeDistribution root, LatticeDistribution lc, int k, double eps)
    {
        var parts = new List<(double Weight, LatticeDistribution Law)>();
        var d = root;
        for (var hops = 0; hops <= k; hops++)
        {
            parts.Add((Binomial(k, hops) / Math.Pow(2, k), d));
            if (hops < k) d = d.Convolve(lc).TruncateTail(eps);
        }
        var origin = parts.Min(p => p.Law.OffsetSeconds);
        var h = root.StepSeconds;
        var n = parts.Max(p => (int)Math.Round((p.Law.OffsetSeconds - origin) / h) + p.Law.Count);
        var probs = new double[n];
        foreach (var (w, law) in parts)
        {
            var shift = (int)Math.Round((law.OffsetSeconds - origin) / h);
            for (var i = 0; i < law.Count; i++) probs[shift + i] += w * law.Probabilities[i];
        }
        return new LatticeDistribution(origin, h, probs);
    }

    private static double Binomial(int n, int k)
    {
        var r = 1.0;
        for (var i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    private static int RoundBins(NoiseProfile noise, double round, double step, double ranks, LatticePlan plan) =>
        (int)Math.Max(1, Math.Min(plan.Bins, Math.Ceiling(LatticePlan.Extent(CompoundPoissonLattice.Active(noise), round, ranks) / step) + 2));

    /// <summary>
    /// Upper bound on what the lattice leaves out: a detour longer than the extent U delays the step by at most its excess,
    /// and at most P·Σ_j λ_j w E[(D_j − U)⁺] in expectation over all ranks and windows (union bound).
    /// </summary>
    private static double TailBeyondLattice(NoiseProfile noise, StepShape shape, double participants, int k, LatticePlan plan)
    {
        var windows = shape.Work.Seconds + k * shape.Round.Seconds;
        var copies = noise.CoScheduled ? 1 : participants;
        return CompoundPoissonLattice.Active(noise).Sum(s => copies * s.Rate.PerSecond * windows * s.Duration.ExpectedExcess(plan.ExtentSeconds));
    }

    /// <summary>Expected min, median and max of k runs: exact order statistics of the step law when a run is one step;
    /// otherwise the sum of n independent steps by its normal approximation (<see cref="RunSpread.Normal"/>).</summary>
    private static RunSpread RunSpreadOf(Outcome floor, Outcome ceil, ClosedFormOptions o)
    {
        var k = o.Runs;
        var mid = (k + 1) / 2;
        if (o.StepsPerRun <= 1)
        {
            var lo = OrderStats(floor, k, mid);
            var hi = ReferenceEquals(floor, ceil) ? lo : OrderStats(ceil, k, mid);
            return new RunSpread
            {
                Runs = k,
                Min = TimeInterval.FromSeconds(0.5 * (lo[0] + hi[0])),
                Median = TimeInterval.FromSeconds(0.5 * (lo[1] + hi[1])),
                Max = TimeInterval.FromSeconds(0.5 * (lo[2] + hi[2])),
            };
        }
        var mean = o.StepsPerRun * 0.5 * (floor.Mean + ceil.Mean);
        return RunSpread.Normal(TimeInterval.FromSeconds(mean), o.StepsPerRun * StepVariance(floor), k);
    }

    private static double[] OrderStats(Outcome o, int k, int mid) =>
        (o.Copies > 1 ? o.StepLaw.MaximumOf(o.Copies) : o.StepLaw).ExpectedOrderStatistics(k, 1, mid, k);

    private static double StepVariance(Outcome o) => o.Copies > 1 ? o.StepLaw.MaximumOf(o.Copies).VarianceSeconds2 : o.StepLaw.VarianceSeconds2;
}
