namespace PerfModel.Noise;

/// <summary>
/// A run of identical windows of W seconds, each followed by a wait for the maximum over a group (the barrier: P ranks;
/// no synchronisation: each rank alone, P = 1; co-scheduled noise: one timeline, P = 1). Under the wall-clock rule the
/// in-progress part of a window comes from the detours started after the previous window's nominal end, i.e. in the
/// last gap g = M, the previous step's delay (the group's maximum: every rank left then; alone, the rank's own delay).
/// The step's delay given the gap has survival 1 − F_(X(g))^P (node classes: <see cref="NoisePopulations.MaxLaw"/>), where
/// X(g) = starts ⊛ CP(in-progress of age &lt; g) is exact at the age-bin edges g = e_m (<see cref="WindowNoise"/>) and
/// interpolated linearly between edges and their midpoints. The delays form a Markov chain on these states (a step's
/// delay, split between the two states around it, is the next step's gap); its stationary distribution π gives the
/// stationary step E = W + Σ π_s E[M | g_s]. The first step of a run starts in the stationary noise state (every age:
/// g = ∞), or with nothing in progress (g = 0) for a cold start.
/// </summary>
internal static class GapChain
{
    /// <summary>First-step and stationary law of the group's delay over one window, and the chain itself: the gap states
    /// g_s, E[M | g_s] and the transition matrix.</summary>
    public sealed record Result(GridMeasure First, GridMeasure Stationary, double[] Gaps, double[] StateDelays, double[,] Kernel)
    {
        /// <summary>E[delay of step k], k = 1 … <paramref name="steps"/>, of a run whose first step's delay has the law
        /// <paramref name="first"/>: the chain's distribution over gap states after step 1 is that law split onto the states
        /// around each value (as the kernel's rows are), π_k = π_(k−1)·K, and E[delay k] = Σ_s π_(k−1)(s)·E[M | g_s]; once
        /// π changes by less than 10⁻¹³ (the stationary iteration's test) the remaining steps repeat the last.</summary>
        public double[] Delays(GridMeasure first, int steps)
        {
            var delays = new double[steps];
            delays[0] = first.Moment;
            var states = Gaps.Length;
            var pi = Split(first, Gaps);
            var next = new double[states];
            for (var k = 1; k < steps; k++)
            {
                var total = pi.Sum();
                var mean = 0.0;
                for (var s = 0; s < states; s++) mean += pi[s] * StateDelays[s];
                delays[k] = mean / total;
                if (k + 1 == steps) break;
                Array.Clear(next);
                for (var s = 0; s < states; s++)
                {
                    var p = pi[s];
                    if (p == 0) continue;
                    for (var t = 0; t < states; t++) next[t] += p * Kernel[s, t];
                }
                // Settled as the stationary power iteration is (a change below 10⁻¹³): the rest of the run repeats this step.
                var nextTotal = next.Sum();
                var change = 0.0;
                for (var t = 0; t < states; t++) change += Math.Abs(next[t] / nextTotal - pi[t] / total);
                (pi, next) = (next, pi);
                if (change < 1e-13)
                {
                    mean = 0.0;
                    for (var s = 0; s < states; s++) mean += pi[s] * StateDelays[s];
                    Array.Fill(delays, mean / nextTotal, k + 1, steps - k - 1);
                    break;
                }
            }
            return delays;
        }
    }

    /// <summary>A delay law split onto the gap states around each of its values (mass kept; the mass beyond the grid on the
    /// last state).</summary>
    private static double[] Split(GridMeasure law, double[] g)
    {
        var states = g.Length;
        var row = new double[states];
        var x = law.Grid.X;
        var k = 0;
        for (var i = 0; i < law.M.Length; i++)
        {
            var mass = law.M[i];
            if (mass == 0) continue;
            var v = x[i];
            while (k + 1 < states && g[k + 1] <= v) k++;
            if (k + 1 == states || v <= g[k]) { row[k] += mass; continue; }
            var w = (v - g[k]) / (g[k + 1] - g[k]);
            row[k] += mass * (1 - w);
            row[k + 1] += mass * w;
        }
        row[states - 1] += law.Over;
        return row;
    }

    public static Result Evaluate(NoisePopulations pops, double window, double copies, bool inProgressAtStart = true)
    {
        var edges = pops.AgeEdges;
        var bins = edges.Length - 1;
        // X_c(e_m) for every population c and finite edge m, then the stationary law (m = bins).
        var byEdge = new GridMeasure[pops.Count][];
        for (var c = 0; c < pops.Count; c++)
        {
            var noise = pops.Noise[c];
            var seq = new GridMeasure[bins + 1];
            var poissonPart = noise.StartsLaw(window);
            for (var m = 0; m <= bins; m++)
            {
                if (m > 0)
                {
                    var bin = noise.InProgressBin(m - 1);
                    // The bin's compound Poisson law on its own (its series starts from a point mass, so its terms are
                    // cheap), then one convolution with the law so far.
                    if (bin.Total > 0) poissonPart = GridMeasure.Convolve(poissonPart, DetourMeasure.ConvolveCompoundPoisson(GridMeasure.Zero(pops.Grid), bin, bin.Compress(CompressPoints)));
                }
                var weights = m == bins ? noise.Stationary : noise.WeightsForGap(edges[m]);
                seq[m] = noise.HasPeriodic ? noise.WithPeriodic(poissonPart, window, weights) : poissonPart;
            }
            byEdge[c] = seq;
        }

        // States: finite edges and their midpoints (in g); gaps beyond the last finite edge take its law (ages beyond the
        // grid are not charged in a long run).
        var gs = new List<double>();
        var laws = new List<GridMeasure[]>();
        for (var m = 0; m < bins; m++)
        {
            var m1 = m;
            gs.Add(edges[m]);
            laws.Add([.. byEdge.Select(seq => seq[m1])]);
            var next = m + 1 < bins ? edges[m + 1] : pops.Grid.Last;
            if (next > edges[m] && m + 1 < bins)
            {
                gs.Add(0.5 * (edges[m] + next));
                laws.Add([.. byEdge.Select(seq => GridMeasure.Mix([0.5, 0.5], [seq[m1], seq[m1 + 1]]))]);
            }
        }
        var states = gs.Count;
        var maxLaws = new GridMeasure[states];
        for (var s = 0; s < states; s++) maxLaws[s] = pops.MaxLaw(laws[s], copies);
        var first = pops.MaxLaw([.. byEdge.Select(seq => seq[inProgressAtStart ? bins : 0])], copies);

        // Transition matrix: the delay after gap g_s, split onto the states around it.
        var kernel = new double[states, states];
        var g = gs.ToArray();
        for (var s = 0; s < states; s++)
        {
            var row = Split(maxLaws[s], g);
            for (var t = 0; t < states; t++) kernel[s, t] = row[t];
        }

        // Stationary distribution by power iteration from the first step's state.
        var pi = new double[states];
        pi[states - 1] = 1;
        var next2 = new double[states];
        for (var it = 0; it < 100_000; it++)
        {
            Array.Clear(next2);
            for (var s = 0; s < states; s++)
            {
                var p = pi[s];
                if (p == 0) continue;
                for (var t = 0; t < states; t++) next2[t] += p * kernel[s, t];
            }
            var total = next2.Sum();
            var change = 0.0;
            for (var t = 0; t < states; t++)
            {
                next2[t] /= total;
                change += Math.Abs(next2[t] - pi[t]);
            }
            (pi, next2) = (next2, pi);
            if (change < 1e-13) break;
        }
        var stationary = GridMeasure.Mix(pi, maxLaws);
        return new Result(first, stationary, g, [.. maxLaws.Select(m => m.Moment)], kernel);
    }

    /// <summary>Points an in-progress age bin is compressed to for the terms of two or more of its jumps.</summary>
    internal const int CompressPoints = 24;
}
