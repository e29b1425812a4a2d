using System.Collections.Immutable;
using CsCheck;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Spec;
using PerfModel.Profiles;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Noise.Spec;

public sealed class NoiseSpecFormatTests
{
    /// <summary>Round-trip equality: NoiseProfile's record equality compares the ImmutableArray by reference, so compare
    /// the sources element by element (NoiseSource and the duration records compare their doubles exactly).</summary>
    private static void AssertRoundTrips(NoiseProfile profile)
    {
        var spec = NoiseSpec.Format(profile);
        NoiseProfile back;
        try
        {
            back = NoiseSpec.Parse(spec);
        }
        catch (NoiseSpecException e)
        {
            throw new Xunit.Sdk.XunitException($"Format wrote a spec Parse rejects:{Environment.NewLine}{e.Message}");
        }
        Assert.Equal(profile.CoScheduled, back.CoScheduled);
        Assert.Equal(profile.Sources.ToArray(), back.Sources.ToArray());
        Assert.Equal(profile.NodeClasses.Length, back.NodeClasses.Length);
        for (var i = 0; i < profile.NodeClasses.Length; i++)
        {
            Assert.Equal(profile.NodeClasses[i].Share, back.NodeClasses[i].Share);
            Assert.Equal(profile.NodeClasses[i].Noise.CoScheduled, back.NodeClasses[i].Noise.CoScheduled);
            Assert.Equal(profile.NodeClasses[i].Noise.Sources.ToArray(), back.NodeClasses[i].Noise.Sources.ToArray());
        }
        Assert.Equal(profile, back); // NoiseProfile compares sources and node classes element by element
    }

    [Theory]
    [InlineData("none")]
    [InlineData("none @cosched")]
    [InlineData("poisson(rate=1000/s, dur=fixed(2us)) + poisson(rate=0.1/s, dur=fixed(10ms))")]
    [InlineData("poisson(rate=1000/s, dur=exp(2.5us))")]
    [InlineData("poisson(rate=5/s, dur=pareto(scale=10us, alpha=2.5))")]
    [InlineData("poisson(rate=2/s, dur=lognormal(median=3us, sigma=0.5), name=\"timer tick\") @cosched")]
    [InlineData("poisson(rate=0/s, dur=fixed(0s), name=idle) + poisson(rate=1e-5/s, dur=fixed(1.5s))")]
    [InlineData("poisson(rate=250/s, dur=fixed(999ns), name=poisson#1)")]
    [InlineData("poisson(rate=3.5e-9/s, dur=exp(0.0015ns)) + poisson(rate=0.001/s, dur=fixed(7.3us)) + poisson(rate=1000000/s, dur=fixed(0.1ns))")]
    [InlineData("periodic(freq=1kHz, dur=fixed(2us))")]
    [InlineData("periodic(freq=250Hz, dur=fixed(1.5ms), name=tick) + poisson(rate=0.1/s, dur=fixed(10ms)) @cosched")]
    [InlineData("periodic(freq=0.5Hz, dur=fixed(1s)) + periodic(freq=2.5MHz, dur=fixed(100ns), name=periodic#1)")]
    [InlineData("poisson(rate=20/s, dur=fixed(50us)) | nodes(1%: poisson(rate=1/s, dur=fixed(10ms)))")]
    [InlineData("none | nodes(0.5%: periodic(freq=100Hz, dur=fixed(1ms), name=daemon) @cosched) | nodes(99.5%: none) @cosched")]
    [InlineData("poisson(rate=1000/s, dur=exp(2us)) | nodes(0.0001%: none @cosched) | nodes(12.5%: poisson(rate=5/s, dur=pareto(scale=10us, alpha=2.5)) + periodic(freq=1kHz, dur=fixed(3us)))")]
    public void CanonicalSpecsFormatToThemselves(string spec)
    {
        var p = NoiseSpec.Parse(spec);
        // "name=poisson#1" on the first poisson term is the default name, so Format leaves it out; on a periodic term it is not.
        Assert.Equal(spec.Replace("fixed(999ns), name=poisson#1", "fixed(999ns)", StringComparison.Ordinal), NoiseSpec.Format(p));
        AssertRoundTrips(p);
    }

    [Fact]
    public void FormatNormalisesUnitsAndArgumentOrder() =>
        Assert.Equal("poisson(rate=1000/s, dur=lognormal(median=2.5us, sigma=1), name=x)",
            NoiseSpec.Format(NoiseSpec.Parse("poisson(name=x, dur=lognormal(sigma=1e0, median=2.5e-6s), rate=1kHz)")));

    [Fact]
    public void DefaultOsProfilesRoundTrip()
    {
        // Their source names contain spaces, commas and parentheses: they are written quoted.
        foreach (var os in Defaults.OsNames) AssertRoundTrips(Defaults.Os(os).Noise);
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(5e-324)]
    [InlineData(1e-13)]
    [InlineData(1e7)]
    public void NumbersBeyondTheLimitsAreRefused(double seconds)
    {
        // A duration the model cannot represent (QuantityLimits.Seconds: 0, or 1 ps to 1e6 s) is refused with the rule at
        // the number's position, as a profile file's would be.
        var spec = NoiseSpec.Format(new NoiseProfile([new NoiseSource("s", EventRate.FromPerSecond(1e-9), new FixedDuration(TimeInterval.FromSeconds(seconds)))], false));
        var e = Assert.Throws<NoiseSpecException>(() => NoiseSpec.Parse(spec));
        Assert.Contains("a time the model can represent", e.Reason);
        Assert.Equal(spec.IndexOf("fixed(", StringComparison.Ordinal) + "fixed(".Length, e.Position);
    }

    [Theory]
    [InlineData(1e-12)]
    [InlineData(0.1 + 0.2)]
    [InlineData(1.234567890123456789e-5)]
    [InlineData(123456.789)]
    [InlineData(3e-7)]
    public void AwkwardNumbersRoundTrip(double seconds)
    {
        static NoiseProfile One(DurationDistribution d, bool co) =>
            new([Source("s", Math.Min(0.5 / d.MeanSeconds, 1e9), d)], co);
        AssertRoundTrips(One(new FixedDuration(TimeInterval.FromSeconds(seconds)), false));
        AssertRoundTrips(One(new ExponentialDuration(TimeInterval.FromSeconds(seconds)), false));
        AssertRoundTrips(One(new LogNormalDuration(TimeInterval.FromSeconds(seconds), 0.1 + 0.2), true));
        AssertRoundTrips(One(new ParetoDuration(TimeInterval.FromSeconds(seconds), 1.05 + 1e-12), false));
        if (seconds >= 1e-9) AssertRoundTrips(new NoiseProfile([Source("r", seconds, new FixedDuration(TimeInterval.FromSeconds(Math.Clamp(0.5 / seconds, 1e-12, 1e6))))], false));
    }

    [Fact]
    public void RandomProfilesRoundTrip()
    {
        string[] names = ["tick", "a b", "quote \"x\"", "(paren), comma", "µ-name", "poisson#7", "kworker/0:1", "x_y.z#1:2-3"];
        var source = Gen.Select(
            Gen.Int[0, 3],                  // distribution
            Gen.Double[-8, -1],             // log10 of the mean duration (rates and durations within QuantityLimits)
            Gen.Double[1e-6, 0.2],          // this source's fraction of the core
            Gen.Double[0.01, 3],            // sigma
            Gen.Double[-2, 1],              // log10(alpha - 1)
            Gen.Int[-1, names.Length - 1])  // name (-1: default)
            .Select((kind, logMean, fraction, sigma, logAlpha, name) =>
            {
                var mean = Math.Pow(10, logMean);
                var alpha = 1 + Math.Pow(10, logAlpha);
                DurationDistribution d = kind switch
                {
                    0 => new FixedDuration(TimeInterval.FromSeconds(mean)),
                    1 => new ExponentialDuration(TimeInterval.FromSeconds(mean)),
                    2 => new LogNormalDuration(TimeInterval.FromSeconds(mean / Math.Exp(sigma * sigma / 2)), sigma),
                    _ => new ParetoDuration(TimeInterval.FromSeconds(mean * (alpha - 1) / alpha), alpha),
                };
                return (Name: name, Rate: fraction / d.MeanSeconds, Duration: d);
            });
        var profile = Gen.Select(source.Array[0, 4], Gen.Bool).Select((sources, co) =>
            new NoiseProfile([.. sources.Select((s, i) => Source(s.Name < 0 ? $"poisson#{i + 1}" : names[s.Name], s.Rate, s.Duration))], co));
        SeededProperty.ForAll(profile, seed: 20261127, count: 2000, AssertRoundTrips);
    }

    [Fact]
    public void RandomProfilesWithPeriodicSourcesAndNodeClassesRoundTrip()
    {
        // Periodic sources need a bounded duration below the period: fixed durations at up to 90 % of it.
        var periodic = Gen.Select(Gen.Double[-3, 7], Gen.Double[1e-6, 0.9], Gen.Bool)
            .Select((logFreq, fill, named) =>
            {
                var freq = Math.Pow(10, logFreq);
                return (Named: named, Source: (Freq: freq, Seconds: fill / freq));
            });
        var sources = Gen.Select(periodic.Array[0, 3], Gen.Bool).Select((items, co) =>
        {
            var list = new List<NoiseSource>();
            var k = 0;
            foreach (var (named, (freq, seconds)) in items)
            {
                var fill = freq * seconds;
                if (list.Sum(s => s.Fraction) + fill >= 0.95) continue;
                k++;
                list.Add(new NoiseSource(named ? $"tick {k}" : $"periodic#{k}", EventRate.FromPerSecond(freq), new FixedDuration(TimeInterval.FromSeconds(seconds)), NoiseArrival.Periodic));
            }
            return new NoiseProfile(list, co);
        });
        var profile = Gen.Select(sources, sources.Array[0, 3], Gen.Double[1e-9, 0.33].Array[3], Gen.Bool).Select((own, classNoise, shares, co) =>
            new NoiseProfile(own.Sources, co) { NodeClasses = [.. classNoise.Select((n, i) => new NodeNoiseClass(shares[i], n))] });
        SeededProperty.ForAll(profile, seed: 20261130, count: 1000, AssertRoundTrips);
    }

    [Fact]
    public void TraceSourcesGetAReplayPlaceholderThatDoesNotParse()
    {
        var trace = new DetourTrace([0.001, 0.5], [2e-5, 1e-3], TimeInterval.FromSeconds(1.25));
        var p = new NoiseProfile([NoiseSource.FromTrace("kvm core 0", trace), Source("poisson#1", 1, 1e-6)]);
        var spec = NoiseSpec.Format(p);
        Assert.Equal("replay(2 detours over 1.25s, name=\"kvm core 0\") + poisson(rate=1/s, dur=fixed(1us))", spec);
        var e = Assert.Throws<NoiseSpecException>(() => NoiseSpec.Parse(spec));
        Assert.Equal(0, e.Position);
        Assert.Contains("trace(path)", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EmpiricalDurationsGetAPlaceholderThatDoesNotParse()
    {
        var p = new NoiseProfile([Source("trace", 1200, new EmpiricalDuration([1e-5, 2e-5, 3e-5], [1, 1, 1]))], false);
        var spec = NoiseSpec.Format(p);
        Assert.Equal("poisson(rate=1200/s, dur=empirical(3 values, mean 20us), name=trace)", spec);
        var e = Assert.Throws<NoiseSpecException>(() => NoiseSpec.Parse(spec));
        Assert.Contains("trace(path)", e.Reason, StringComparison.Ordinal);
        Assert.Equal(spec.IndexOf("empirical", StringComparison.Ordinal), e.Position);
    }

    [Fact]
    public void DefaultSourcesArrayFormatsAsNone() =>
        Assert.Equal("none", NoiseSpec.Format(NoiseProfile.None with { Sources = default(ImmutableArray<NoiseSource>) }));
}
