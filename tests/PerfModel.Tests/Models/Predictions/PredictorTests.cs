using CsCheck;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Predictions;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Predictions;

public sealed class PredictorTests
{
    private static readonly AppProfile StrongStencil = Stencil with { Name = "stencil-strong", Scaling = ScalingMode.Strong };

    private static Prediction Predict(Platform platform, OsProfile os, AppProfile app, int nodes) => Predictor.Default.Predict(platform, os, app, nodes);

    [Fact]
    public void TestProfilesAreValid()
    {
        // Every record checked its own rules when it was made; a scenario checks the rule across records (the
        // application's cores fit the platform).
        foreach (var os in new[] { LinuxLike, LwkLike })
            foreach (var app in new[] { Stencil, StrongStencil })
                Assert.Null(Record.Exception(() => new Scenario(Knl, os, app, 1)));
        Assert.Null(Scenario.CoreViolation(Knl, Stencil));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public void RelativePerformanceAgainstItselfIsExactlyOne(int nodes)
    {
        foreach (var os in new[] { LinuxLike, LwkLike })
        {
            var p = Predict(Knl, os, Stencil, nodes);
            Assert.Equal(1.0, p.RelativeTo(p)); // x / x = 1 exactly in IEEE arithmetic for finite non-zero x
            var timed = Predict(Knl, os, Stencil with { Fom = Stencil.Fom with { HigherIsBetter = false } }, nodes);
            Assert.Equal(1.0, timed.RelativeTo(timed));
        }
    }

    [Fact]
    public void RelativePerformanceIsTheRuntimeRatioForTheSameWork()
    {
        // FOM = work x ranks x iterations / runtime with the same work on both OSes, so FOM_lwk / FOM_linux = T_linux / T_lwk.
        var linux = Predict(Knl, LinuxLike, Stencil, 8);
        var lwk = Predict(Knl, LwkLike, Stencil, 8);
        var expected = linux.Runtime.Seconds / lwk.Runtime.Seconds;
        // 1e-12 relative: two divisions each side.
        Assert.Equal(expected, lwk.RelativeTo(linux), expected * 1e-12);
        Assert.Throws<ArgumentException>(() => lwk.RelativeTo(Predict(Knl, LinuxLike, Stencil, 16)));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(8, false)]
    [InlineData(512, false)]
    [InlineData(1, true)]
    [InlineData(27, true)]
    public void BreakdownPartsSumToRuntime(int nodes, bool strong)
    {
        var app = strong ? StrongStencil : Stencil;
        foreach (var os in new[] { LinuxLike, LwkLike })
        {
            var p = Predict(Knl, os, app, nodes);
            var sum = Enum.GetValues<Mechanism>().Sum(m => p.Breakdown[m].Seconds);
            // 1e-12 relative: a sum of 7 non-negative terms, rounding ≤ 7 ulps.
            Assert.Equal(p.Runtime.Seconds, sum, p.Runtime.Seconds * 1e-12);
            Assert.All(Enum.GetValues<Mechanism>(), m => Assert.True(p.Breakdown[m] >= TimeInterval.Zero, $"{m} = {p.Breakdown[m]}"));
            // The per-iteration terms times the iteration count are the runtime too (same tolerance).
            Assert.Equal(p.Runtime.Seconds, p.Terms.Sum(t => t.PerIteration.Seconds) * app.Iterations, p.Runtime.Seconds * 1e-12);
        }
    }

    [Fact]
    public void FigureOfMeritMatchesItsDefinition()
    {
        // Weak: FOM = scale x work per rank x (64 N ranks) x iterations / runtime. Strong: the one-node work (64 ranks).
        // 1e-12 relative: five multiplications and a division.
        var weak = Predict(Knl, LinuxLike, Stencil, 8);
        var expectedWeak = 27000.0 * 512 * 100 / weak.Runtime.Seconds;
        Assert.Equal(expectedWeak, weak.Fom, expectedWeak * 1e-12);
        var strong = Predict(Knl, LinuxLike, StrongStencil, 8);
        var expectedStrong = 27000.0 * 64 * 100 / strong.Runtime.Seconds;
        Assert.Equal(expectedStrong, strong.Fom, expectedStrong * 1e-12);
        Assert.Equal(512L, weak.Ranks);
        Assert.Equal(512L, weak.Cores);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2048)]
    public void NoiselessOsHasNoNoiseDelay(int nodes)
    {
        // No detours: X = 0 on every core, max = 0, exactly.
        Assert.Equal(0.0, Predict(Knl, LwkLike, Stencil, nodes).Breakdown[Mechanism.Noise].Seconds);
        Assert.Equal(0.0, Predict(Knl, LinuxLike with { Noise = NoiseProfile.None }, Stencil, nodes).Breakdown[Mechanism.Noise].Seconds);
    }

    [Fact]
    public void MoreNoiseIsNeverFaster()
    {
        // Scaling every detour rate up by s ≥ 1 makes each core's delay stochastically larger, so the expected maximum
        // at every synchronisation point (and nothing else) grows: runtime is non-decreasing in s.
        var gen = Gen.Select(Gen.Double[1, 40], Gen.Double[1, 40], Gen.Int[0, 12]);
        SeededProperty.ForAll(gen, seed: 41, count: 40, t =>
        {
            var (sa, sb, log2Nodes) = t;
            var nodes = 1 << log2Nodes;
            var (lo, hi) = (Math.Min(sa, sb), Math.Max(sa, sb));
            double Runtime(double scale) =>
                Predict(Knl, LinuxLike with { Noise = ScaleRates(LinuxLike.Noise, scale) }, Stencil, nodes).Runtime.Seconds;
            var baseline = Runtime(1);
            var tLo = Runtime(lo);
            var tHi = Runtime(hi);
            // 1e-12 relative slack: independent double-precision evaluations of values that may be equal (s = 1).
            Assert.True(tLo >= baseline * (1 - 1e-12), $"scale {lo:G6}: {tLo:G17} < unscaled {baseline:G17} at {nodes} nodes");
            Assert.True(tHi >= tLo * (1 - 1e-12), $"scale {hi:G6}: {tHi:G17} < {tLo:G17} at scale {lo:G6}, {nodes} nodes");
        });
    }

    [Fact]
    public void NoiseDelayGrowsWithNodesUnderWeakScaling()
    {
        // Weak scaling keeps each core's work fixed while the number of cores waited for (and the collective time inside
        // each window) grows with the node count, so E[max] per iteration is non-decreasing over powers of two.
        var previous = 0.0;
        for (var nodes = 1; nodes <= 4096; nodes *= 2)
        {
            var noise = Predict(Knl, LinuxLike, Stencil, nodes).Breakdown[Mechanism.Noise].Seconds / Stencil.Iterations;
            Assert.True(noise > 0, $"no noise at {nodes} nodes");
            // 1e-12 relative slack: independent double-precision evaluations.
            Assert.True(noise >= previous * (1 - 1e-12), $"noise per iteration fell from {previous:G17} to {noise:G17} at {nodes} nodes");
            previous = noise;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void NoiseDelayMatchesTheSynchronisationFormula(int nodes)
    {
        // One detour source (λ = 250/s, d = 2.5 µs). Stencil: 2 allreduces (8 B) + 1 halo exchange per iteration, so
        // 3 synchronisation points share the work W: segment = W/3.
        //   noise/iter = 2 (E[step of a recursive-doubling allreduce over P = 64 N cores] − noise-free step)
        //              + (E[step of a barrier over P = 7 = 6 neighbours + self, work W/3 + T_halo] − its noise-free step)
        // Both steps come from NoiseClosedForm (its stationary wall-clock step, checked against the wall-clock simulator
        // in the closed-form tests); what is checked here is the decomposition: the number of steps, their shapes, the
        // exact rounds at P cores, and T_allreduce and T_halo from the LogGP hand formulas:
        //   1 node:  6 intra rounds; all 6 halo messages on-node (φ = 0).
        //   8 nodes: 6 intra + 3 inter rounds; φ = 1/4 (2x2x2 node grid, 4x4x4 ranks per node).
        const double rate = 250, d = 2.5e-6;
        var os = LinuxLike with { Noise = new NoiseProfile([Source("tick", rate, d)], coScheduled: false) };
        var p = Predict(Knl, os, Stencil, nodes);
        var b = p.Breakdown;
        var work = p.Terms.WorkPerIteration.Seconds;
        // W is the per-iteration sum of the non-waiting mechanisms (1e-12 relative: five additions and a division).
        Assert.Equal((b[Mechanism.Compute] + b[Mechanism.Memory] + b[Mechanism.Tlb] + b[Mechanism.Heap] + b[Mechanism.Syscall]).Seconds / Stencil.Iterations, work, work * 1e-12);

        double intraMsg(double m) => 0.3e-6 + m * 2e-10;
        double interMsg(double m) => 1e-6 + 2 * 0.3e-6 + Math.Max(0, m - 1) * 8e-11;
        var (inter, phi) = nodes == 1 ? (0, 0.0) : (3, 0.25);
        var allreduce = 6 * (intraMsg(8) + 8 * 5e-10) + inter * (interMsg(8) + 8 * 5e-10);
        var halo = (phi > 0 ? 1e-6 + 6 * phi * (2 * 0.3e-6 + 1e5 * 8e-11 * 64) : 0) + 6 * (1 - phi) * intraMsg(1e5);
        var segment = work / 3;
        var cores = 64.0 * nodes;
        var k = (int)Math.Log2(cores); // 64 N cores, N a power of two: log2 P rounds
        var rd = NoiseClosedForm.Evaluate(os.Noise, Step(segment, SyncShape.AllreduceRecursiveDoubling, allreduce / k), cores, ClosedFormOptions.Fast);
        var barrier = NoiseClosedForm.Evaluate(os.Noise, Step(segment + halo, SyncShape.Barrier, 0), 7, ClosedFormOptions.Fast);
        var perIteration = 2 * rd.Delay.Seconds + barrier.Delay.Seconds;
        // 1e-9 relative: the same closed-form functions the predictor calls, on step shapes rebuilt from the LogGP terms
        // (a few rounded operations each).
        var expected = perIteration * Stencil.Iterations;
        Assert.Equal(expected, b[Mechanism.Noise].Seconds, expected * 1e-9);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(1000)]
    public void StrongScalingDividesComputeByNodeCount(int nodes)
    {
        var one = Predict(Knl, LinuxLike, StrongStencil, 1).Breakdown[Mechanism.Compute].Seconds;
        var many = Predict(Knl, LinuxLike, StrongStencil, nodes).Breakdown[Mechanism.Compute].Seconds;
        // compute·(1/N)·I vs compute·I/N: 1e-12 relative covers the different rounding order.
        Assert.Equal(one / nodes, many, one / nodes * 1e-12);
        // Weak scaling keeps it: same three factors, same order, bit-for-bit.
        Assert.Equal(Predict(Knl, LinuxLike, Stencil, 1).Breakdown[Mechanism.Compute],
            Predict(Knl, LinuxLike, Stencil, nodes).Breakdown[Mechanism.Compute]);
    }

    [Fact]
    public void NodesBeyondTheMachineAddAnExtrapolationNote()
    {
        Assert.Empty(Predict(Knl, LwkLike, Stencil, Knl.MachineNodes).Notes);
        var beyond = Predict(Knl, LwkLike, Stencil, Knl.MachineNodes + 1);
        var note = Assert.Single(beyond.Notes);
        Assert.Contains("8193", note, StringComparison.Ordinal);
        Assert.Contains("extrapolation", note, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidProfilesAreRejected()
    {
        // Each record refuses a broken rule when it is made, so an invalid profile never reaches the predictor.
        var app = Assert.Throws<InvalidDescriptionException>(() => Predict(Knl, LinuxLike, Stencil with { HeapFraction = 1.5 }, 1));
        Assert.Equal(("AppProfile", nameof(AppProfile.HeapFraction)), (app.TypeName, app.Field));

        var platform = Assert.Throws<InvalidDescriptionException>(() => Predict(Knl with { OsCoresPerNode = 8 }, LinuxLike, Stencil, 1));
        Assert.Equal(("Platform", nameof(Platform.AppCoresPerNode)), (platform.TypeName, platform.Field));

        var storm = Assert.Throws<InvalidDescriptionException>(() => Source("storm", 1e4, 1e-4)); // rate x duration = 1
        Assert.Equal(("NoiseSource", nameof(NoiseSource.Fraction)), (storm.TypeName, storm.Field));

        // The rule across records (the application's cores fit the platform) is checked by the scenario.
        var crowded = Assert.Throws<InvalidDescriptionException>(() => Predict(Knl, LinuxLike, Stencil with { ThreadsPerRank = 2 }, 1));
        Assert.Equal("App.RanksPerNode", crowded.Field);
        Assert.Contains("exceeds", crowded.Rule, StringComparison.Ordinal);

        var none = Assert.Throws<InvalidDescriptionException>(() => Predict(Knl, LinuxLike, Stencil, 0));
        Assert.Equal(("Scenario", nameof(Scenario.Nodes)), (none.TypeName, none.Field));
    }
}
