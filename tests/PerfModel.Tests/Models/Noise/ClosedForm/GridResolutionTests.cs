using System.Globalization;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Spec;
using PerfModel.Profiles;
using Xunit.Abstractions;

namespace PerfModel.Tests.Models.Noise.ClosedForm;

/// <summary>
/// What the grid's resolution costs in accuracy, as <see cref="ClosedFormOptions.Fast"/> and
/// <see cref="ClosedFormOptions.Default"/> document it: Linux's default noise (short Pareto detours on every core, 1 ms
/// detours on the class of noisy cores) over W = 100 µs, against the same closed form on a grid of 512 linear points
/// (1,024 points move it by less than 0.05 %, so it stands for the converged value). The noisy cores' 1 ms detour is a
/// point of the grid's geometric part, and the linear part resolves the short detours whose maximum over ranks decides
/// the step at moderate P. A grid whose linear part spans the 1 ms detour in 64 points (a 16 µs step, the plan before
/// long fixed durations were kept out of it) is biased up by 3.3–3.9 % at 16,384 ranks and fails here.
/// </summary>
public sealed class GridResolutionTests(ITestOutputHelper output)
{
    private static readonly NoiseProfile Linux = Defaults.Os("linux").Noise;

    private static readonly ClosedFormOptions Reference = ClosedFormOptions.Default with { LinearPoints = 512 };

    /// <summary>The stationary and first steps of <paramref name="sync"/> at P ranks with <paramref name="options"/>.</summary>
    private static (double Stationary, double First) Step(SyncShape sync, double ranks, ClosedFormOptions options, NoiseProfile? noise = null)
    {
        var r = NoiseClosedForm.Evaluate(noise ?? Linux, TestProfiles.Step(100e-6, sync, 2e-6), ranks, options);
        return (r.MeanStep.Seconds, r.FirstStepSeconds);
    }

    [Theory]
    [InlineData(SyncShape.Barrier, 64)]
    [InlineData(SyncShape.Barrier, 1024)]
    [InlineData(SyncShape.Barrier, 16384)]
    [InlineData(SyncShape.AllreduceRecursiveDoubling, 16384)]
    [InlineData(SyncShape.TreeReduceBroadcast, 16384)]
    public void Fast_and_Default_are_within_a_tenth_of_a_percent_where_short_detours_decide_the_step(SyncShape sync, double ranks)
    {
        // Measured: every case within 0.01 % (Fast) and 0.01 % (Default); before the plan kept the 1 ms detour out of the
        // linear part, Fast read +3.82 % (barrier), +3.3 % (recursive doubling), +3.9 % (tree) at 16,384 ranks. 0.1 %: ten
        // times what is measured, thirty times below the bias this guards against.
        var reference = Step(sync, ranks, Reference);
        foreach (var (name, options) in new[] { ("Fast", ClosedFormOptions.Fast), ("Default", ClosedFormOptions.Default) })
        {
            var value = Step(sync, ranks, options);
            var stationary = (value.Stationary - reference.Stationary) / reference.Stationary;
            var first = (value.First - reference.First) / reference.First;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sync} P={ranks}: reference {reference.Stationary * 1e6:F3} / first {reference.First * 1e6:F3} us; {name} {stationary * 100:+0.000;-0.000} % / {first * 100:+0.000;-0.000} %"));
            Assert.InRange(Math.Abs(stationary), 0, 0.001);
            Assert.InRange(Math.Abs(first), 0, 0.001);
        }
    }

    [Theory]
    [InlineData(SyncShape.Barrier)]
    [InlineData(SyncShape.AllreduceRecursiveDoubling)]
    [InlineData(SyncShape.TreeReduceBroadcast)]
    public void Fast_is_within_half_a_percent_where_a_noisy_cores_long_detour_decides_the_step(SyncShape sync)
    {
        // At 131,072 ranks the maximum is a noisy core's 1 ms detour plus short ones, on the geometric part's points (ratio
        // 1.12). Measured −0.40 % (barrier), −0.32 % (recursive doubling), −0.24 % (tree) on the stationary step, +0.03 %
        // on the first; Default within 0.06 %. 0.5 %: the documented bound of Fast.
        const double ranks = 131072;
        var reference = Step(sync, ranks, Reference);
        var fast = Step(sync, ranks, ClosedFormOptions.Fast);
        var standard = Step(sync, ranks, ClosedFormOptions.Default);
        double Rel(double a, double b) => (a - b) / b;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sync} P={ranks}: reference {reference.Stationary * 1e6:F3} us; Fast {Rel(fast.Stationary, reference.Stationary) * 100:+0.00;-0.00} % / first {Rel(fast.First, reference.First) * 100:+0.00;-0.00} %; Default {Rel(standard.Stationary, reference.Stationary) * 100:+0.00;-0.00} %"));
        Assert.InRange(Math.Abs(Rel(fast.Stationary, reference.Stationary)), 0, 0.005);
        Assert.InRange(Math.Abs(Rel(fast.First, reference.First)), 0, 0.005);
        Assert.InRange(Math.Abs(Rel(standard.Stationary, reference.Stationary)), 0, 0.005);
    }

    [Theory]
    [InlineData("mckernel", SyncShape.AllreduceRecursiveDoubling, 131072, 0.0005)]
    [InlineData("mckernel", SyncShape.TreeReduceBroadcast, 131072, 0.0005)]
    [InlineData("exponential", SyncShape.Barrier, 131072, 0.005)]
    [InlineData("exponential", SyncShape.AllreduceRecursiveDoubling, 16384, 0.005)]
    [InlineData("exponential", SyncShape.TreeReduceBroadcast, 131072, 0.005)]
    public void Fast_is_as_documented_for_the_light_weight_kernels_and_exponential_detours(string noiseName, SyncShape sync, double ranks, double bound)
    {
        // McKernel's log-normal detours (no long fixed source): measured ±0.00 %; bound 0.05 %. Exponential detours of 5 µs
        // at 1,000/s: measured +0.04 % (barrier), +0.00 % (recursive doubling at 16,384), +0.43 % (tree at 131,072, its
        // worst case); bound 0.5 %, the documented one.
        var noise = noiseName == "mckernel" ? Defaults.Os("mckernel").Noise : NoiseSpec.Parse("poisson(rate=1000/s, dur=exp(5us))");
        var reference = Step(sync, ranks, Reference, noise);
        var fast = Step(sync, ranks, ClosedFormOptions.Fast, noise);
        var error = (fast.Stationary - reference.Stationary) / reference.Stationary;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{noiseName} {sync} P={ranks}: reference {reference.Stationary * 1e6:F3} us, Fast {error * 100:+0.000;-0.000} %"));
        Assert.InRange(Math.Abs(error), 0, bound);
    }
}
