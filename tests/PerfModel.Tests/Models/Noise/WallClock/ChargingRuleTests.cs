using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;
using Xunit.Abstractions;

namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>
/// Several consecutive steps on a replayed trace, against LogGOPSim's rule applied statelessly by the test itself
/// (<see cref="WallClockReference.Charge"/>): a rank with trace offset φ has detours at s_i − φ + kL; its windows follow
/// each other (None), or wait for the slowest rank (Barrier, where detours during the wait are absorbed except their
/// remainder at the next window). The expectation over the uniform offsets is a midpoint-rule average over a grid of
/// offsets; the completion time is piecewise linear in φ with a few jumps of at most a detour's length (60 µs) per step, so
/// the average moves by at most about jumps × 60 µs / (2 × grid points): under 10 ns for one rank's 20,000 points, against
/// standard errors of tens of ns. The two-rank grid is coarser; there the change from a grid half as fine is added to the
/// tolerance.
/// </summary>
public sealed class ChargingRuleTests(ITestOutputHelper output)
{
    private const double L = 100e-6;
    private static readonly double[] Starts = [5e-6, 30e-6, 90e-6];
    private static readonly double[] Lengths = [10e-6, 60e-6, 4e-6];
    private static readonly NoiseProfile Trace = new([NoiseSource.FromTrace("trace", new DetourTrace(Starts, Lengths, TimeInterval.FromSeconds(L)))]);

    /// <summary>The rank's detours in rank time for offset φ, over [−L, horizon].</summary>
    private static List<(double, double)> Detours(double phase, double horizon)
    {
        var list = new List<(double, double)>();
        for (var k = -1; k * L < horizon + L; k++)
            for (var i = 0; i < Starts.Length; i++) list.Add((Starts[i] - phase + k * L, Lengths[i]));
        return list;
    }

    [Fact]
    public void ConsecutiveStepsOfOneRankFollowTheRule()
    {
        const double work = 25e-6;
        const int steps = 6, grid = 20000;
        var expected = new double[steps];
        for (var g = 0; g < grid; g++)
        {
            var detours = Detours((g + 0.5) / grid * L, 2e-3);
            var t = 0.0;
            for (var n = 0; n < steps; n++)
            {
                t += work + WallClockReference.Charge(detours, t, work);
                expected[n] += t / grid;
            }
        }
        var r = WallClockSimulator.Simulate(Trace, TestProfiles.Step(work, SyncShape.None), 50, new WallClockOptions(2000, steps, 21) { BurnInSteps = 0 });
        for (var n = 0; n < steps; n++)
        {
            var step = expected[n] - (n == 0 ? 0 : expected[n - 1]);
            SimulationReference.AssertWithinStandardErrors(step, r.Steps[n].MeanSeconds, r.Steps[n].StandardErrorSeconds, 4, $"step {n + 1}");
        }
    }

    [Fact]
    public void BarrierWaitsAbsorbDetoursExceptTheirRemainder()
    {
        const double work = 25e-6;
        const int steps = 4;
        var fine = BarrierReference(work, steps, 400);
        var coarse = BarrierReference(work, steps, 200);
        var r = WallClockSimulator.Simulate(Trace, TestProfiles.Step(work, SyncShape.Barrier), 2, new WallClockOptions(40000, steps, 22) { BurnInSteps = 0 });
        for (var n = 0; n < steps; n++)
        {
            double Step(double[] c) => c[n] - (n == 0 ? 0 : c[n - 1]);
            // The grid's error is about the change from the coarse grid to the fine one (midpoint rule, error O(1/grid)).
            var gridError = Math.Abs(Step(fine) - Step(coarse));
            output.WriteLine($"step {n + 1}: reference {Step(fine) * 1e6:F4} us (grid change {gridError * 1e9:F1} ns), simulated {r.Steps[n].MeanSeconds * 1e6:F4} ± {r.Steps[n].StandardErrorSeconds * 1e9:F1} ns");
            SimulationReference.AssertWithinStandardErrors(Step(fine), r.Steps[n].MeanSeconds, r.Steps[n].StandardErrorSeconds + gridError, 4, $"step {n + 1}");
        }
    }

    /// <summary>E[completion of steps 1..n] of two ranks behind an ideal barrier, averaged over a grid × grid of offsets.</summary>
    private static double[] BarrierReference(double work, int steps, int grid)
    {
        var expected = new double[steps];
        var phases = Enumerable.Range(0, grid).Select(g => Detours((g + 0.5) / grid * L, 1e-3)).ToArray();
        for (var a = 0; a < grid; a++)
            for (var b = 0; b < grid; b++)
            {
                double ta = 0, tb = 0;
                for (var n = 0; n < steps; n++)
                {
                    ta += work + WallClockReference.Charge(phases[a], ta, work);
                    tb += work + WallClockReference.Charge(phases[b], tb, work);
                    ta = tb = Math.Max(ta, tb);
                    expected[n] += ta / ((double)grid * grid);
                }
            }
        return expected;
    }
}
