using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Profiles;
using PerfModel.Validation;

namespace PerfModel.Tests.Models.Memory;

/// <summary>The SNC-4 remote-traffic term (<see cref="NumaLocality"/>) against the measurement it must reproduce, its
/// analytic limits, and the effect in a prediction, which disappears with the effect switched off.</summary>
public sealed class NumaLocalityTests
{
    private static readonly Bandwidth DdrLocal = Bandwidth.FromGigabytesPerSecond(20.8);
    private static readonly Bandwidth DdrRemote = Bandwidth.FromGigabytesPerSecond(19.1);

    [Fact]
    public void AllRemoteTrafficTakesTheMeasuredRemoteTime()
    {
        // Truth: the per-quadrant measurement itself. 1 GB read entirely from another quadrant's DDR4 at 19.1 GB/s takes
        // 1 / 19.1 s; entirely local, 1 / 20.8 s. 1e-12 relative: two double operations.
        var gb = ByteSize.FromBytes(1e9);
        Assert.Equal(1 / 19.1, NumaLocality.Time(gb, 1, DdrLocal, DdrRemote).Seconds, 1e-12);
        Assert.Equal(1 / 20.8, NumaLocality.Time(gb, 0, DdrLocal, DdrRemote).Seconds, 1e-12);
        // Effect size of all-remote traffic: 20.8 / 19.1 − 1 = +8.90 %.
        Assert.Equal(20.8 / 19.1 - 1, NumaLocality.Slowdown(1, DdrLocal, DdrRemote) - 1, 12);
    }

    [Fact]
    public void SlowdownIsLinearInTheRemoteShareAndOneWithoutMeasurements()
    {
        // t(r) = t_local · (1 + r (ρ − 1)): halfway remote gives half the all-remote effect.
        var full = NumaLocality.Slowdown(1, DdrLocal, DdrRemote) - 1;
        Assert.Equal(full / 2, NumaLocality.Slowdown(0.5, DdrLocal, DdrRemote) - 1, 14);
        Assert.Equal(1, NumaLocality.Slowdown(0.7, default, default));
        Assert.Throws<ArgumentOutOfRangeException>(() => NumaLocality.Slowdown(1.5, DdrLocal, DdrRemote));
    }

    [Fact]
    public void LocalQuadrantBandwidthsAddUpToTheNodeStreamRate()
    {
        // The placement model takes the tier's STREAM bandwidth as the all-local rate; four local quadrants of DDR4
        // (4 x 20.8 = 83.2 GB/s) must lie inside the 95% interval of the node's fitted triad bandwidth (78.4-94.1 GB/s),
        // both measured on KNL, so that reading is consistent.
        var platform = Defaults.Platform();
        var ddr = platform.Ddr;
        Assert.Equal(20.8e9, ddr.DomainLocalBandwidth.BytesPerSecond);
        Assert.InRange(4 * ddr.DomainLocalBandwidth.BytesPerSecond, 78.4e9, 94.1e9);
    }

    [Fact]
    public void RemoteTrafficOnLinuxAddsItsShareOfTheRemotePenaltyAndTheSwitchRemovesIt()
    {
        var study = Defaults.Study();
        var lulesh = study.App["lulesh2"];
        var linuxOs = study.Os[PaperTargets.Linux];
        var linux = linuxOs with { Placement = linuxOs.Placement with { Policy = PlacementPolicy.DdrOnly } };
        var on = study.Predictor;
        var off = on.With(new MemoryPlacementModel(numaLocality: false, pageColouring: true));
        var termOn = on.Predict(study.Platform, linux, lulesh, 1).Terms.Get<MemoryTerm>();
        var termOff = off.Predict(study.Platform, linux, lulesh, 1).Terms.Get<MemoryTerm>();
        // DDR4 only, so ΔT = T_ddr · r · (20.8/19.1 − 1) with T_ddr = B / (BW_ddr / R).
        var r = linux.Placement.RemoteFraction;
        Assert.True(r > 0);
        var tDdr = lulesh.MemoryTrafficPerIteration.Bytes / (study.Platform.Ddr.Bandwidth.BytesPerSecond / lulesh.RanksPerNode);
        var expected = tDdr * r * (20.8 / 19.1 - 1);
        Assert.Equal(expected, termOn.NumaPenalty.Seconds, expected * 1e-9);
        Assert.Equal(0, termOff.NumaPenalty.Seconds);
        Assert.Equal(expected, termOn.PerIteration.Seconds - termOff.PerIteration.Seconds, expected * 1e-9);
        // mOS divides memory per quadrant at launch: r = 0, no penalty.
        var mos = study.Os[PaperTargets.Mos];
        Assert.Equal(0, on.Predict(study.Platform, mos, lulesh, 1).Terms.Get<MemoryTerm>().NumaPenalty.Seconds);
    }
}
