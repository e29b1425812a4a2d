using System.Globalization;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Profiles;
using Xunit.Abstractions;

namespace PerfModel.Tests.Models.Noise.ClosedForm;

/// <summary>
/// What the grid's resolution costs in accuracy, as <see cref="ClosedFormOptions.Fast"/> and
/// <see cref="ClosedFormOptions.Default"/> document it: Linux's default noise (short Pareto detours on every core, 1 ms
/// detours on the class of noisy cores), a barrier over W = 100 µs, against the same closed form on a grid of 1,024 linear
/// points (its value moves by 0.05 % from 512 points, so it stands for the converged one). The linear part spans the
/// noisy cores' 1 ms detour in 64 points at <c>Fast</c> (a step of 16 µs), 256 at <c>Default</c> (4 µs); a value between
/// two points is split between them, mean kept, and the maximum over ranks of split values is biased up — by most where
/// that maximum is a few short detours, at 16,384 ranks.
/// </summary>
public sealed class GridResolutionTests(ITestOutputHelper output)
{
    private static readonly NoiseProfile Linux = Defaults.Os("linux").Noise;

    /// <summary>The barrier's stationary and first steps at P ranks with <paramref name="options"/>.</summary>
    private static (double Stationary, double First) Step(double ranks, ClosedFormOptions options)
    {
        var r = NoiseClosedForm.Evaluate(Linux, TestProfiles.Step(100e-6, SyncShape.Barrier, 0), ranks, options);
        return (r.MeanStep.Seconds, r.FirstStepSeconds);
    }

    [Fact]
    public void Fast_is_biased_up_by_at_most_four_percent_and_Default_by_at_most_half_a_percent_at_16384_ranks()
    {
        const double ranks = 16384;
        var reference = Step(ranks, ClosedFormOptions.Default with { LinearPoints = 1024 });
        var fast = Step(ranks, ClosedFormOptions.Fast);
        var standard = Step(ranks, ClosedFormOptions.Default);
        double Rel(double a, double b) => (a - b) / b;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reference {reference.Stationary * 1e6:F3} / first {reference.First * 1e6:F3} us; Fast {Rel(fast.Stationary, reference.Stationary) * 100:+0.00;-0.00} % / {Rel(fast.First, reference.First) * 100:+0.00;-0.00} %; Default {Rel(standard.Stationary, reference.Stationary) * 100:+0.00;-0.00} % / {Rel(standard.First, reference.First) * 100:+0.00;-0.00} %"));
        // Measured +3.82 % / +1.53 % (Fast) and +0.29 % / +0.12 % (Default). The bounds are the documented ones: Fast's bias
        // is real and upward (at least 2 %, so that a grid which resolved it would fail here and the documentation with
        // it), at most 4 %; Default's at most 0.5 %.
        Assert.InRange(Rel(fast.Stationary, reference.Stationary), 0.02, 0.04);
        Assert.InRange(Rel(fast.First, reference.First), 0, 0.02);
        Assert.InRange(Math.Abs(Rel(standard.Stationary, reference.Stationary)), 0, 0.005);
        Assert.InRange(Math.Abs(Rel(standard.First, reference.First)), 0, 0.005);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(131072)]
    public void Fast_is_within_half_a_percent_where_the_maximum_is_no_short_detour(double ranks)
    {
        // At 1,024 ranks the maximum is mostly no detour at all; at 131,072 it is a noisy core's 1 ms detour, which sits on a
        // point. Measured +0.07 % and +0.29 %.
        var reference = Step(ranks, ClosedFormOptions.Default with { LinearPoints = 1024 });
        var fast = Step(ranks, ClosedFormOptions.Fast);
        var error = (fast.Stationary - reference.Stationary) / reference.Stationary;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"P={ranks}: reference {reference.Stationary * 1e6:F3} us, Fast {error * 100:+0.00;-0.00} %"));
        Assert.InRange(Math.Abs(error), 0, 0.005);
    }
}
