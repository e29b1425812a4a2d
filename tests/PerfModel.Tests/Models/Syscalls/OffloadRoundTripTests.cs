using PerfModel.Descriptions;
using PerfModel.Predictions;
using PerfModel.Profiles;
using PerfModel.Syscalls;
using PerfModel.Units;
using PerfModel.Validation;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Syscalls;

/// <summary>The offload mechanisms of McKernel (proxy process) and mOS (thread migration) priced step by step
/// (<see cref="OffloadRoundTrip"/>), and what they change in a prediction.</summary>
public sealed class OffloadRoundTripTests
{
    // Pure sums of a handful of doubles: 1e-12 relative is far below any rounding they can accumulate and far below any
    // effect a wrong step would make (the smallest step is a 0.1 us system call against totals of a few us).
    private const double Exact = 1e-12;

    private static SyscallPolicy Policy(OffloadMechanism mechanism, double ownSeconds) =>
        LwkLike.Syscalls with { Mechanism = mechanism, OffloadLatency = TimeInterval.FromSeconds(ownSeconds) };

    private static KernelCosts Kernel(double ipi, double wake, double syscall) => Knl.Kernel with
    {
        CrossCoreInterrupt = TimeInterval.FromSeconds(ipi), Wakeup = TimeInterval.FromSeconds(wake), Syscall = TimeInterval.FromSeconds(syscall),
    };

    [Theory]
    [InlineData(OffloadMechanism.Fixed)]
    [InlineData(OffloadMechanism.ProxyProcess)]
    [InlineData(OffloadMechanism.ThreadMigration)]
    public void FreeInterruptsWakeupsAndSyscallsLeaveOnlyTheMechanismsOwnPart(OffloadMechanism mechanism)
    {
        // Analytic limit: with t_ipi = t_wake = c_sys = 0 every mechanism costs exactly its own part L, the old fixed round trip.
        var t = OffloadRoundTrip.Of(Policy(mechanism, 0.5e-6), Kernel(0, 0, 0));
        Assert.Equal(0.5e-6, t.Seconds, 0.5e-6 * Exact);
    }

    [Fact]
    public void StepsOfEachMechanismAddUpOnTheKnlDefaults()
    {
        // Hand derivation with the published defaults (data/platforms: t_ipi = 1.0 us, t_wake = 2.7 us, c_sys = 0.25 us;
        // data/os: L = 0.5 us for both):
        //   McKernel, proxy process: 1 interrupt + 1 proxy wake-up + 2 ioctl crossings + L = 1.0 + 2.7 + 0.5 + 0.5 = 4.7 us
        //   mOS, thread migration:  2 x (interrupt + wake-up) + L            = 2 x 3.7 + 0.5        = 7.9 us
        var k = Defaults.Platform().Kernel;
        Assert.Equal((1.0e-6, 2.7e-6, 0.25e-6), (k.CrossCoreInterrupt.Seconds, k.Wakeup.Seconds, k.Syscall.Seconds));
        var mck = Defaults.Os(PaperTargets.McKernel).Syscalls;
        var mos = Defaults.Os(PaperTargets.Mos).Syscalls;
        Assert.Equal((OffloadMechanism.ProxyProcess, OffloadMechanism.ThreadMigration), (mck.Mechanism, mos.Mechanism));
        Assert.Equal(4.7e-6, OffloadRoundTrip.Of(mck, k).Seconds, 4.7e-6 * Exact);
        Assert.Equal(7.9e-6, OffloadRoundTrip.Of(mos, k).Seconds, 7.9e-6 * Exact);
    }

    [Theory]
    [InlineData(0.5e-6, 2.14e-6, 0.2e-6)]
    [InlineData(2.0e-6, 3.21e-6, 0.3e-6)]
    [InlineData(1.0e-6, 0, 0.25e-6)]
    public void MigrationMinusProxyIsOneInterruptAndWakeupLessTwoSyscalls(double ipi, double wake, double syscall)
    {
        // At equal own parts, the migration pays a second interrupt and wake-up (the way back to the LWK core), the proxy two
        // ioctl crossings: Δ = t_ipi + t_wake − 2·c_sys, whatever the costs (here the ends of their declared ranges).
        var k = Kernel(ipi, wake, syscall);
        var delta = OffloadRoundTrip.Of(Policy(OffloadMechanism.ThreadMigration, 0.5e-6), k).Seconds
                    - OffloadRoundTrip.Of(Policy(OffloadMechanism.ProxyProcess, 0.5e-6), k).Seconds;
        Assert.Equal(ipi + wake - 2 * syscall, delta, 1e-18);
    }

    [Fact]
    public void LammpsAt2048NodesSeparatesMcKernelFromMosOnlyThroughTheMechanism()
    {
        // LAMMPS is the only application with device calls on its communication path (P18 Sec. IV). Expected effect, derived:
        // the syscall term per device call is c_sys + q·t_off with the queue factor q = 1 + (64/4 − 1)/2 = 8.5 of
        // SyscallModel.OffloadTime, so mOS − McKernel per call = 8.5 × (7.9 − 4.7) us = 27.2 us.
        var platform = Defaults.Platform();
        var app = Defaults.App("lammps");
        var mck = Predictor.Default.Predict(platform, Defaults.Os(PaperTargets.McKernel), app, 2048).Term<SyscallTerm>();
        var mos = Predictor.Default.Predict(platform, Defaults.Os(PaperTargets.Mos), app, 2048).Term<SyscallTerm>();
        Assert.Equal(27.2e-6, (mos.DeviceCall - mck.DeviceCall).Seconds, 27.2e-6 * 1e-9);
        Assert.Equal(mck.DeviceCallsPerIteration, mos.DeviceCallsPerIteration); // same calls, different price

        // Without the mechanisms (both back to a fixed round trip of the same size) the two LWKs cannot be told apart: the
        // test would fail if the difference came from anywhere else.
        var fixedMck = Defaults.Os(PaperTargets.McKernel) with { Syscalls = Defaults.Os(PaperTargets.McKernel).Syscalls with { Mechanism = OffloadMechanism.Fixed, OffloadLatency = TimeInterval.FromSeconds(8e-6) } };
        var fixedMos = Defaults.Os(PaperTargets.Mos) with { Syscalls = Defaults.Os(PaperTargets.Mos).Syscalls with { Mechanism = OffloadMechanism.Fixed, OffloadLatency = TimeInterval.FromSeconds(8e-6) } };
        Assert.Equal(Predictor.Default.Predict(platform, fixedMck, app, 2048).Term<SyscallTerm>().DeviceCall,
            Predictor.Default.Predict(platform, fixedMos, app, 2048).Term<SyscallTerm>().DeviceCall);
    }

    [Theory]
    [InlineData("geofem")]
    [InlineData("hpcg")]
    [InlineData("milc")]
    [InlineData("lulesh2")]
    public void ApplicationsWithoutDeviceCallsPayNoOffload(string app)
    {
        // The mechanism only prices calls that are made: these profiles have no device calls on their communication path.
        foreach (var os in new[] { PaperTargets.McKernel, PaperTargets.Mos })
            Assert.Equal(0, Predictor.Default.Predict(Defaults.Platform(), Defaults.Os(os), Defaults.App(app), 512).Term<SyscallTerm>().DeviceCallsPerIteration);
    }
}
