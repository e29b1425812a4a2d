using PerfModel.Calibration.Noise;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Simulation;
using PerfModel.Noise.Spec;
using PerfModel.Profiles;

namespace PerfModel.Tests.Notebooks;

/// <summary>What notebooks/02-noise-at-scale.ipynb says, held by the library's numbers and by analytic limits.</summary>
public sealed class NoiseAtScaleNotebookTests
{
    private static readonly StepShape Allreduce = new(TimeInterval.FromMicroseconds(100), SyncShape.AllreduceRecursiveDoubling, TimeInterval.FromMicroseconds(2));
    private static readonly StepShape Barrier = new(TimeInterval.FromMilliseconds(1), SyncShape.Barrier, TimeInterval.Zero);

    [Fact]
    public void Closed_form_and_simulation_agree_to_a_fraction_of_a_percent_for_a_light_tail()
    {
        var rows = NoiseComparison.Compare(NoiseSpec.Parse("poisson(rate=1000/s, dur=exp(2us))"), Allreduce, [64, 1024, 16384], new SimulationOptions(200, 1));
        Assert.All(rows, r =>
        {
            Assert.True(r.Agrees, $"{r.Ranks} ranks: {r.StandardErrors:F2} standard errors");
            Assert.True(Math.Abs(r.RelativeDifference) < 0.005, $"{r.Ranks} ranks: {r.RelativeDifference:P2}");
        });
    }

    [Fact]
    public void The_fwq_trace_needs_the_lattice_bound_at_64_ranks_and_agrees_closely_from_1024()
    {
        var trace = FwqTrace.ToNoiseProfile(FwqTrace.Load(Path.Combine(RepoPaths.DataDir, "noise", "kvm-2core-fwq.csv")), "kvm-fwq");
        var rows = NoiseComparison.Compare(trace, Allreduce, [64, 1024, 16384], new SimulationOptions(200, 1));
        Assert.True(Math.Abs(rows[0].StandardErrors) > 3 && rows[0].Agrees, "64 ranks: many standard errors apart, inside the lattice bound");
        Assert.All(rows.Skip(1), r => Assert.True(Math.Abs(r.RelativeDifference) < 0.05 && Math.Abs(r.StandardErrors) < 3, $"{r.Ranks} ranks"));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1024)]
    [InlineData(131072)]
    public void A_10ms_daemon_every_10s_costs_what_the_chance_of_meeting_it_says(long ranks)
    {
        // Independent truth: a rank meets a detour that starts in its window W with probability 1 − e^(−λW); the barrier
        // waits for the slowest of P ranks, so E[step] = W + d (1 − e^(−λWP)) for a fixed detour d much longer than W.
        // 0.5 % of the excess: the closed form also charges detours that started just before the window.
        const double lambda = 0.1, w = 1e-3, d = 10e-3;
        var r = NoiseScaling.Curve(NoiseSpec.Parse("poisson(rate=0.1/s, dur=fixed(10ms))"), Barrier, [ranks])[0].Result;
        var expected = 1 + d / w * (1 - Math.Exp(-lambda * w * ranks));
        Assert.Equal(expected - 1, r.Slowdown - 1, (expected - 1) * 0.005);
    }

    [Fact]
    public void The_co_scheduled_daemon_costs_its_share_of_time_at_every_scale()
    {
        // Every rank loses the same detour in the same step: E[step] = W + λ W d, slowdown 1 + λ d = 1.001, whatever P.
        var curve = NoiseScaling.Curve(NoiseSpec.Parse("poisson(rate=0.1/s, dur=fixed(10ms)) @cosched"), Barrier, [64, 131072]);
        Assert.All(curve, p => Assert.Equal(1.001, p.Result.Slowdown, 1e-4));
    }

    [Fact]
    public void Linux_default_noise_grows_with_the_machine()
    {
        var curve = NoiseScaling.Curve(Defaults.Os("linux").Noise, Barrier, [64, 1024, 16384, 131072]);
        for (var i = 1; i < curve.Length; i++) Assert.True(curve[i].Result.Slowdown > curve[i - 1].Result.Slowdown);
    }
}
