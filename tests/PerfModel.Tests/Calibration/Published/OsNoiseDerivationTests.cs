using MathNet.Numerics.Distributions;
using PerfModel.Calibration.Published;
using PerfModel.Descriptions;
using PerfModel.Noise;

namespace PerfModel.Tests.Calibration.Published;

/// <summary>The OS noises derived from the classes: each follows from its class and the named assumptions by the stated
/// arithmetic, the assumptions' ranges agree with the data they cite, and every number keeps its interval and provenance.</summary>
public sealed class OsNoiseDerivationTests
{
    private static NoiseClasses Classes => PublishedNoiseFiles.Classes;

    private static OsNoiseProfiles Derive(NoiseAssumptions? a = null) => OsNoiseDerivation.Derive(Classes, a ?? NoiseAssumptions.Default);

    [Fact]
    public void Linux_is_the_isolated_nohz_full_class_with_knl_durations()
    {
        var os = Derive();
        var source = Assert.Single(os.Linux.Sources).Source;
        var a = Classes.IsolatedNohzFull.Sources[0].Source;
        Assert.Equal(a.Rate, source.Rate);
        Assert.Equal(NoiseArrival.Poisson, source.Arrival);
        // Durations x 1.75: every quantile scales, the shape does not; so does the mean (exact up to one rounding).
        Assert.Equal(a.Duration.Quantile(0.9) * 1.75, source.Duration.Quantile(0.9), 1e-18);
        Assert.Equal(a.Duration.MeanSeconds * 1.75, source.Duration.MeanSeconds, 1e-18);
        Assert.Contains(os.Linux.Notes, n => n.Contains("nohz_full", StringComparison.Ordinal));
        Assert.Contains(os.Linux.Notes, n => n.Contains("rare long detour", StringComparison.Ordinal));
        Assert.DoesNotContain(os.Linux.Sources, s => s.Source.Arrival == NoiseArrival.Periodic);
    }

    [Fact]
    public void The_lightweight_kernels_derive_from_the_quietest_isolated_core_not_from_each_other()
    {
        var os = Derive();
        var d = Classes.QuietestIsolated.Sources[0].Source;
        var mck = Assert.Single(os.McKernel.Sources).Source;
        var mos = Assert.Single(os.Mos.Sources).Source;
        // 15 detours in 180 s (config D) on both by default: P18 gives no number for mOS's weaker isolation.
        Assert.Equal(15.0 / 180, mck.Rate.PerSecond, 12);
        Assert.Equal(mck.Rate, mos.Rate);
        Assert.Equal(d.Duration.MeanSeconds * 1.75, mck.Duration.MeanSeconds, 1e-18);
        // The factors act on the rate only, multiplicatively.
        var changed = Derive(new NoiseAssumptions { LwkResidualRateFactor = 0.5, MosStrayRateFactor = 4 });
        Assert.Equal(15.0 / 180 * 0.5, changed.McKernel.Sources[0].Source.Rate.PerSecond, 12);
        Assert.Equal(15.0 / 180 * 0.5 * 4, changed.Mos.Sources[0].Source.Rate.PerSecond, 12);
        Assert.Equal(mck.Duration, changed.Mos.Sources[0].Source.Duration);
        // A factor of 0 leaves the LWK without noise, and says so.
        var none = Derive(new NoiseAssumptions { LwkResidualRateFactor = 0 });
        Assert.Empty(none.McKernel.Sources);
        Assert.Contains(none.McKernel.Notes, n => n.Contains("left out", StringComparison.Ordinal));
        Assert.Equal(NoiseProfile.None.Fraction, none.Mos.Profile.Fraction);
    }

    [Fact]
    public void Housekeeping_share_adds_the_daemon_source_to_linux()
    {
        var os = Derive(new NoiseAssumptions { HousekeepingShareOnAppCores = 0.01 });
        Assert.Equal(2, os.Linux.Sources.Length);
        var daemons = Classes.Housekeeping.Sources[1].Source;
        Assert.Equal(daemons.Rate.PerSecond * 0.01, os.Linux.Sources[1].Source.Rate.PerSecond, 12);
        Assert.Equal(daemons.Duration.MeanSeconds * 1.75, os.Linux.Sources[1].Source.Duration.MeanSeconds, 1e-15);
        Assert.Equal("$.noise.sources[1].ratePerSecond", os.Linux.Sources[1].Estimates[0].JsonPath);
    }

    [Fact]
    public void Noise_fraction_scales_with_the_duration_scale()
    {
        // Metamorphic: rate x mean duration is linear in the scale.
        var a = Derive(new NoiseAssumptions { KnlDurationScale = 1.5 });
        var b = Derive(new NoiseAssumptions { KnlDurationScale = 2.0 });
        Assert.Equal(a.Linux.Profile.Fraction * 2.0 / 1.5, b.Linux.Profile.Fraction, 1e-15);
        Assert.Equal(a.McKernel.Profile.Fraction * 2.0 / 1.5, b.McKernel.Profile.Fraction, 1e-15);
    }

    [Fact]
    public void Estimates_carry_json_paths_intervals_and_the_assumptions()
    {
        var os = Derive();
        foreach (var noise in new[] { os.Linux, os.McKernel, os.Mos })
            foreach (var (s, i) in noise.Sources.Select((s, i) => (s, i)))
            {
                Assert.Equal($"$.noise.sources[{i}].ratePerSecond", s.Estimates[0].JsonPath);
                Assert.All(s.Estimates, e =>
                {
                    Assert.Equal(ProfileKind.Os, e.Profile);
                    Assert.StartsWith($"$.noise.sources[{i}].", e.JsonPath);
                    Assert.InRange(e.Value, e.Lower95, e.Upper95);
                    Assert.Contains("KnlDurationScale = 1.75", e.Provenance);
                    Assert.Contains("osjitter_figures.csv", e.Provenance);
                });
            }
        // The duration parameter's interval is the class's, scaled: the scale's own range is in the text, not the interval.
        var classScale = Classes.IsolatedNohzFull.Sources[0].Estimates[1];
        var linuxScale = os.Linux.Sources[0].Estimates[1];
        Assert.Equal(classScale.Name, linuxScale.Name);
        Assert.Equal(classScale.Lower95 * 1.75, linuxScale.Lower95, 1e-18);
    }

    [Fact]
    public void Assumptions_are_named_with_value_range_and_reason()
    {
        var p = NoiseAssumptions.Default.Parameters;
        Assert.Equal(["KnlDurationScale", "HousekeepingShareOnAppCores", "LwkResidualRateFactor", "MosStrayRateFactor", "NoisyCoreShareFactor"], p.Select(x => x.Name));
        Assert.All(p, x =>
        {
            Assert.True(x.Plausible, x.ToString());
            Assert.True(x.Low <= x.High);
            Assert.False(string.IsNullOrWhiteSpace(x.Reason));
            Assert.DoesNotContain('\n', x.Reason);
        });
        Assert.False(new NoiseAssumptions { KnlDurationScale = 3 }.Parameter("KnlDurationScale").Plausible);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoiseAssumptions { KnlDurationScale = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoiseAssumptions { HousekeepingShareOnAppCores = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoiseAssumptions { MosStrayRateFactor = double.NaN });
        Assert.Contains("KnlDurationScale", Assert.Throws<ArgumentException>(() => NoiseAssumptions.Default.Parameter("nope")).Message);
    }

    [Fact]
    public void The_ranges_agree_with_the_data_they_cite()
    {
        // MosStrayRateFactor's upper end: an isolated nohz_full core's rate over the best-isolated core's,
        // (438 / 180) / (15 / 180) = 29.2.
        var ratio = Classes.IsolatedNohzFull.Sources[0].Source.Rate.PerSecond / Classes.QuietestIsolated.Sources[0].Source.Rate.PerSecond;
        Assert.Equal(438.0 / 15, ratio, 12);
        Assert.InRange(NoiseAssumptions.Default.Parameter("MosStrayRateFactor").High / ratio, 0.95, 1.05);
        // HousekeepingShareOnAppCores' upper end: the isolated CPUs of A saw no detour above their largest max (28.125 us)
        // in 180 s, so such detours arrive at < Gamma^-1(0.975; 1) / 180 s = 3.689 / 180 s (exact Poisson bound for 0
        // events); the daemon source puts rate x S(28.125 us) above it. The stated 1 % must lie within 1.5x of that bound.
        var daemons = Classes.Housekeeping.Sources[1].Source;
        var above = daemons.Rate.PerSecond * daemons.Duration.Survival(28125e-9);
        var bound = Gamma.InvCDF(1, 1, 0.975) / 180 / above;
        Assert.InRange(NoiseAssumptions.Default.Parameter("HousekeepingShareOnAppCores").High / bound, 1 / 1.5, 1.5);
    }

    [Fact]
    public void The_derived_profiles_are_valid_noise_for_the_closed_forms()
    {
        var os = Derive();
        var shape = new StepShape(TimeInterval.FromSeconds(100e-6), SyncShape.Barrier, TimeInterval.FromSeconds(2e-6));
        foreach (var noise in new[] { os.Linux, os.McKernel, os.Mos })
        {
            var r = NoiseClosedForm.Evaluate(noise.Profile, shape, 131072, ClosedFormOptions.Fast);
            Assert.True(double.IsFinite(r.MeanStep.Seconds) && r.MeanStep >= r.NoiseFree, $"{noise.Os}: {r.MeanStep}");
        }
    }
}
