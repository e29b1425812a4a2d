using CsCheck;
using PerfModel.Descriptions;
using PerfModel.Noise;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Noise;

public sealed class NoiseTests
{
    private const double Window = 0.01;
    private const double Duration = 2e-6;

    private static NoiseProfile OneSource(double rate, double duration) =>
        new([Source("s", rate, duration)], coScheduled: false);

    /// <summary>E[max over <paramref name="participants"/> cores of the detour time in a window], seconds.</summary>
    private static double ExpectedMaxDelaySeconds(NoiseProfile noise, double windowSeconds, double participants) =>
        NoiseAmplification.ExpectedMaxDelay(noise, TimeInterval.FromSeconds(windowSeconds), participants).Seconds;

    /// <summary>E[X] = Σ_j λ_j W E[d_j] (compound Poisson mean).</summary>
    private static double Mean(NoiseProfile noise) => noise.Sources.Sum(s => s.Rate.PerSecond * Window * s.Duration.MeanSeconds);

    // ---- (a) no noise ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(1.0)]
    [InlineData(64.0)]
    [InlineData(131072.0)]     // 2^17
    [InlineData(1073741824.0)] // 2^30
    public void NoSourcesGiveExactlyZeroDelay(double p)
    {
        // With no detour source X = 0 surely, so max over P copies is 0: no tolerance, the value must be exactly 0.
        Assert.Equal(0.0, ExpectedMaxDelaySeconds(NoiseProfile.None, Window, p));
        Assert.Equal(0.0, ExpectedMaxDelaySeconds(NoiseProfile.None with { CoScheduled = true }, Window, p));
        // Sources with zero rate or zero duration contribute nothing either.
        var idle = new NoiseProfile([Source("off", 0, 1e-3), Source("instant", 1e3, 0)], false);
        Assert.Equal(0.0, ExpectedMaxDelaySeconds(idle, Window, p));
    }

    // ---- (b) single fixed-duration source against an independent reference ---------------------------------------

    public static TheoryData<double, double> SingleSourceCases()
    {
        var data = new TheoryData<double, double>();
        foreach (var p in new[] { 1.0, 64.0, 1024.0, 1048576.0 })
            foreach (var mean in new[] { 0.01, 0.5, 3.0 })
                data.Add(p, mean);
        return data;
    }

    [Theory]
    [MemberData(nameof(SingleSourceCases))]
    public void SingleSourceMatchesPoissonMaximumFormula(double p, double meanCount)
    {
        // X = d K with K ~ Poisson(m = λW). max_i X_i ≥ k d  ⇔  not all K_i ≤ k−1, so
        //   E[max] = d Σ_{k≥1} P(max K ≥ k) = d Σ_{k≥1} (1 − F(k−1)^P),  F the Poisson(m) CDF.
        var rate = meanCount / Window;
        var expected = PoissonReference.ExpectedMaxOfScaledPoisson(rate * Window, Duration, p);
        var actual = ExpectedMaxDelaySeconds(OneSource(rate, Duration), Window, p);
        // 1e-9 relative: both sides are exact formulas evaluated in double precision; the reference's own error is
        // ~1e-13 (pmf recurrence over < 100 terms, series/log for log1p and expm1), the model truncates Poisson mass
        // below 1e-18/P and uses Stirling's ln k! (1e-15). Any modelling error (off-by-one in k, F(k) for F(k−1),
        // cancellation in 1 − F^P) changes the result by far more than 1e-9.
        AssertRelative(expected, actual, 1e-9);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(64.0)]
    [InlineData(65536.0)]
    public void TwoCommensurateSourcesMatchBruteForceJointDistribution(double p)
    {
        // Two sources with durations d and 3d: atoms k1 d + 3 k2 d coincide for different (k1, k2), which the model must
        // merge. Reference: enumerate the joint Poisson counts, accumulate mass per atom in integer units of d, then
        // E[max] = Σ_i (a_i − a_{i−1}) (1 − F(a_{i−1})^P) with the upper tail summed from the top.
        double d = 1e-6, l1 = 150, l2 = 40, w = Window;
        var noise = new NoiseProfile([Source("a", l1, d), Source("b", l2, 3 * d)], false);
        var p1 = PoissonReference.Pmf(l1 * w, 120);
        var p2 = PoissonReference.Pmf(l2 * w, 120);
        var mass = new SortedDictionary<int, double>();
        for (var a = 0; a < p1.Length; a++)
            for (var b = 0; b < p2.Length; b++)
            {
                var atom = a + 3 * b;
                mass[atom] = mass.GetValueOrDefault(atom) + p1[a] * p2[b];
            }
        var atoms = mass.Keys.ToArray();
        var probs = mass.Values.ToArray();
        var tail = new double[atoms.Length];
        var acc = 0.0;
        for (var i = atoms.Length - 1; i >= 0; i--) { tail[i] = acc; acc += probs[i]; }
        var expected = 0.0;
        for (var i = 1; i < atoms.Length; i++) expected += (atoms[i] - atoms[i - 1]) * d * PoissonReference.OneMinusPowComplement(tail[i - 1], p);

        var actual = ExpectedMaxDelaySeconds(noise, w, p);
        // Same 1e-9 relative reasoning as the single-source case: both are exact sums in double precision (~1e-13).
        AssertRelative(expected, actual, 1e-9);
    }

    // ---- (c) one participant gives the mean -----------------------------------------------------------------------

    [Fact]
    public void OneParticipantGivesTheMean()
    {
        // E[max of one copy] = E[X] = Σ_j λ_j W d_j (compound Poisson mean).
        var single = OneSource(300, Duration);
        AssertRelative(300 * Window * Duration, ExpectedMaxDelaySeconds(single, Window, 1), 1e-12);

        var two = LinuxNoise;
        var mean = Mean(two);
        // 1e-12 relative: a sum of a few hundred atom terms in double precision (~1e-14) plus mass truncated below 1e-18.
        AssertRelative(mean, ExpectedMaxDelaySeconds(two, Window, 1), 1e-12);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(3.0)]
    [InlineData(30.0)]
    [InlineData(100.0)]
    [InlineData(300.0)]
    public void OneParticipantGivesTheMeanForAnyExpectedCount(double meanCount)
    {
        // E[max of one copy] = E[X] = λ W d whatever λW is. For λW ≳ 45 the model's Poisson support no longer starts at
        // K = 0 (P(K = 0) = e^{−λW} < 1e-18), so this also checks that ∫₀^{a_0} 1 dx below the smallest atom is counted.
        var rate = meanCount / Window;
        var actual = ExpectedMaxDelaySeconds(OneSource(rate, Duration), Window, 1);
        // 1e-9 relative: Stirling's ln k! (≤ 5e-13 relative on each pmf term) and rounding in sums of ≤ 500 atoms.
        AssertRelative(rate * Window * Duration, actual, 1e-9);
    }

    // ---- (d) co-scheduled noise is not amplified ------------------------------------------------------------------

    [Theory]
    [InlineData(1.0)]
    [InlineData(64.0)]
    [InlineData(1048576.0)]
    [InlineData(1073741824.0)]
    public void CoScheduledNoiseGivesTheMeanAtAnyScale(double p)
    {
        // All cores are hit at the same instants, so max_i X_i = X and E[max] = E[X] = Σ_j λ_j W d_j for every P.
        var noise = LinuxNoise with { CoScheduled = true };
        var mean = Mean(noise);
        // 1e-12 relative: same atom-sum rounding argument as OneParticipantGivesTheMean.
        AssertRelative(mean, ExpectedMaxDelaySeconds(noise, Window, p), 1e-12);
    }

    [Fact]
    public void UncoordinatedNoiseIsAmplifiedBeyondTheMean()
    {
        // At P = 2^20 the slowest core has seen far more than the mean λWd = 0.0025 d for the timer tick alone:
        // E[max K] ≥ the k with P·P(K ≥ k) ≈ 1, i.e. at least one full tick (K ≥ 1 has probability ≈ 2.5e-3).
        var noise = LinuxNoise;
        var mean = Mean(noise);
        var amplified = ExpectedMaxDelaySeconds(noise, Window, 1048576);
        Assert.True(amplified > 10 * mean, $"E[max] = {amplified:G6} should exceed 10 x mean = {10 * mean:G6}");
    }

    // ---- (e) monotonicity (deterministic property tests) ----------------------------------------------------------

    // Relative slack for monotonicity: the two evaluations are independent double-precision sums (different truncation
    // levels 1e-18/P, different atoms) with rounding error ~1e-14; a genuine decrease is a modelling error of larger size.
    private const double MonotoneSlack = 1e-12;

    [Fact]
    public void NonDecreasingInParticipants()
    {
        var gen = Gen.Select(Gen.Double[0, 20], Gen.Double[1, 1e9], Gen.Double[1, 1e9]);
        SeededProperty.ForAll(gen, seed: 11, count: 150, t =>
        {
            var (mean, pa, pb) = t;
            var noise = OneSource(mean / Window, Duration);
            var (lo, hi) = (Math.Min(pa, pb), Math.Max(pa, pb));
            var eLo = ExpectedMaxDelaySeconds(noise, Window, lo);
            var eHi = ExpectedMaxDelaySeconds(noise, Window, hi);
            Assert.True(eHi >= eLo * (1 - MonotoneSlack), $"E[max] at P={hi:G6} is {eHi:G17} < {eLo:G17} at P={lo:G6}");
        });
    }

    [Fact]
    public void NonDecreasingInRate()
    {
        var gen = Gen.Select(Gen.Double[0, 3000], Gen.Double[0, 3000], Gen.Double[1, 1e8]);
        SeededProperty.ForAll(gen, seed: 12, count: 150, t =>
        {
            var (ra, rb, p) = t;
            var (lo, hi) = (Math.Min(ra, rb), Math.Max(ra, rb));
            var noise = LinuxNoise;
            var eLo = ExpectedMaxDelaySeconds(noise with { Sources = [Source("s", lo, Duration), noise.Sources[1]] }, Window, p);
            var eHi = ExpectedMaxDelaySeconds(noise with { Sources = [Source("s", hi, Duration), noise.Sources[1]] }, Window, p);
            Assert.True(eHi >= eLo * (1 - MonotoneSlack), $"E[max] at rate {hi:G6} is {eHi:G17} < {eLo:G17} at rate {lo:G6}");
        });
    }

    [Fact]
    public void NonDecreasingInDuration()
    {
        var gen = Gen.Select(Gen.Double[0, 1e-4], Gen.Double[0, 1e-4], Gen.Double[1, 1e8], Gen.Double[0, 2000]);
        SeededProperty.ForAll(gen, seed: 13, count: 150, t =>
        {
            var (da, db, p, rate) = t;
            var (lo, hi) = (Math.Min(da, db), Math.Max(da, db));
            var eLo = ExpectedMaxDelaySeconds(OneSource(rate, lo), Window, p);
            var eHi = ExpectedMaxDelaySeconds(OneSource(rate, hi), Window, p);
            Assert.True(eHi >= eLo * (1 - MonotoneSlack), $"E[max] at d={hi:G6} is {eHi:G17} < {eLo:G17} at d={lo:G6}");
        });
    }

    // ---- (f) extreme scale ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(200.0)]
    public void BillionParticipantsGiveFiniteValueBelowTheLargestAtom(double meanCount)
    {
        const double p = 1073741824; // 2^30
        var noise = new NoiseProfile([Source("tick", meanCount / Window, Duration), Source("daemon", 2, 40e-6)], false);
        var e = ExpectedMaxDelaySeconds(noise, Window, p);
        // Largest value the lattice law of one core takes (its support is truncated where the tail is below 1e-18/P).
        var plan = LatticePlan.For(noise, Window, 0, 0, p, ClosedFormOptions.Default.DenseBins, ClosedFormOptions.Default.MaxExactBins);
        var law = CompoundPoissonLattice.Build(noise, Window, plan.StepSeconds, LatticeRounding.Ceil, plan.Bins, out _);
        var largestAtom = law.ValueAt(law.Count - 1);
        Assert.True(double.IsFinite(e), $"E[max] = {e}");
        // The maximum of P copies can never exceed the largest value a single copy can take.
        Assert.True(e <= largestAtom, $"E[max] = {e:G17} exceeds the largest atom {largestAtom:G17}");
        // ... and is at least the mean (P = 1), with a rounding slack of 1e-12 relative.
        var mean = Mean(noise);
        Assert.True(e >= mean * (1 - 1e-12), $"E[max] = {e:G17} is below the mean {mean:G17}");
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(30.0)]
    public void BillionParticipantsMatchReference(double meanCount)
    {
        const double p = 1073741824; // 2^30
        var rate = meanCount / Window;
        var expected = PoissonReference.ExpectedMaxOfScaledPoisson(rate * Window, Duration, p);
        var actual = ExpectedMaxDelaySeconds(OneSource(rate, Duration), Window, p);
        // 1e-9 relative, as for smaller P: 1 − F^P computed from the upper tail has no cancellation at any P, so the
        // achievable accuracy does not degrade with P.
        AssertRelative(expected, actual, 1e-9);
    }

    private static void AssertRelative(double expected, double actual, double tolerance)
    {
        var err = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), double.Epsilon);
        Assert.True(err <= tolerance, $"expected {expected:G17}, actual {actual:G17}, relative error {err:G3} > {tolerance:G3}");
    }
}
