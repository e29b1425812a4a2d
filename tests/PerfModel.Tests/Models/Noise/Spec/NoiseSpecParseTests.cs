using System.Globalization;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Spec;
using PerfModel.Profiles;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Noise.Spec;

public sealed class NoiseSpecParseTests
{
    private static void AssertSources(NoiseProfile actual, params NoiseSource[] expected) =>
        Assert.Equal(expected, actual.Sources.ToArray());

    [Fact]
    public void TwoFixedSourcesGetDefaultNames()
    {
        var p = NoiseSpec.Parse("poisson(rate=1000/s, dur=fixed(2us)) + poisson(rate=0.1/s, dur=fixed(10ms))");
        // Exact equality: "2us" is 2 / 1e6, the correctly rounded value, i.e. the double 2e-6.
        AssertSources(p, Source("poisson#1", 1000, new FixedDuration(TimeInterval.FromSeconds(2e-6))), Source("poisson#2", 0.1, new FixedDuration(TimeInterval.FromSeconds(0.01))));
        Assert.False(p.CoScheduled);
    }

    [Fact]
    public void KilohertzAndExponential() =>
        AssertSources(NoiseSpec.Parse("poisson(rate=1kHz, dur=exp(2.5us))"), Source("poisson#1", 1000, new ExponentialDuration(TimeInterval.FromSeconds(2.5e-6))));

    [Fact]
    public void Pareto() =>
        AssertSources(NoiseSpec.Parse("poisson(rate=5/s, dur=pareto(scale=10us, alpha=2.5))"), Source("poisson#1", 5, new ParetoDuration(TimeInterval.FromSeconds(1e-5), 2.5)));

    [Fact]
    public void LogNormalArgumentsInAnyOrder() =>
        AssertSources(NoiseSpec.Parse("poisson(dur=lognormal(sigma=0.5, median=3us), rate=2/s)"), Source("poisson#1", 2, new LogNormalDuration(TimeInterval.FromSeconds(3e-6), 0.5)));

    [Fact]
    public void NoneIsTheEmptyProfile()
    {
        var p = NoiseSpec.Parse("none");
        Assert.Empty(p.Sources);
        Assert.False(p.CoScheduled);
        Assert.True(NoiseSpec.Parse("  none @cosched ").CoScheduled);
    }

    [Fact]
    public void TraceCallsTheResolverAndAddsItsSources()
    {
        var asked = new List<string>();
        var traced = Source("kvm", 1200, new EmpiricalDuration([1e-5, 3e-5], [1, 1]));
        NoiseProfile Resolve(string path)
        {
            asked.Add(path);
            return new NoiseProfile([traced], coScheduled: true); // its CoScheduled flag is ignored
        }

        var p = NoiseSpec.Parse("trace(data/noise/x.csv)", Resolve);
        Assert.Equal(["data/noise/x.csv"], asked);
        AssertSources(p, traced);
        Assert.False(p.CoScheduled);

        // Paths keep balanced parentheses and lose surrounding blanks; unnamed poisson terms are numbered among themselves.
        asked.Clear();
        var mixed = NoiseSpec.Parse("poisson(rate=1/s, dur=fixed(1ms)) + trace( runs/x (2).csv ) + poisson(rate=2/s, dur=fixed(1us)) @cosched", Resolve);
        Assert.Equal(["runs/x (2).csv"], asked);
        AssertSources(mixed, Source("poisson#1", 1, 1e-3), traced, Source("poisson#2", 2, 1e-6));
        Assert.True(mixed.CoScheduled);
    }

    [Theory]
    [InlineData("1ns", 1e-9)]
    [InlineData("1.5 us", 1.5e-6)]
    [InlineData("1.5µs", 1.5e-6)] // U+00B5 micro sign
    [InlineData("1.5μs", 1.5e-6)] // U+03BC Greek mu
    [InlineData("3ms", 3e-3)]
    [InlineData("2s", 2.0)]
    [InlineData("1e3ns", 1e-6)]
    [InlineData("2.5E-3s", 2.5e-3)]
    [InlineData(".5ms", 5e-4)]
    [InlineData("+7.ms", 7e-3)]
    [InlineData("0s", 0.0)]
    public void DurationUnits(string duration, double seconds) =>
        Assert.Equal(seconds, ((FixedDuration)NoiseSpec.Parse($"poisson(rate=0.1/s, dur=fixed({duration}))").Sources[0].Duration).Duration.Seconds);

    [Theory]
    [InlineData("1000", 1000.0)]
    [InlineData("1000/s", 1000.0)]
    [InlineData("1000 Hz", 1000.0)]
    [InlineData("1/ms", 1000.0)]
    [InlineData("2.5kHz", 2500.0)]
    [InlineData("1e3/s", 1000.0)]
    [InlineData("1E-2 /s", 0.01)]
    [InlineData("0", 0.0)]
    public void RateUnits(string rate, double perSecond) =>
        Assert.Equal(perSecond, NoiseSpec.Parse($"poisson(rate={rate}, dur=fixed(1us))").Sources[0].Rate.PerSecond);

    [Fact]
    public void WhitespaceBetweenTokens()
    {
        var p = NoiseSpec.Parse("\t poisson ( rate = 5 /s , dur = lognormal ( median = 3 us , sigma = 0.5 ) , name = tick ) \n + poisson(rate=1/s,dur=fixed(1ms))  @ cosched ");
        AssertSources(p, Source("tick", 5, new LogNormalDuration(TimeInterval.FromSeconds(3e-6), 0.5)), Source("poisson#2", 1, 1e-3));
        Assert.True(p.CoScheduled);
    }

    [Theory]
    [InlineData("name=timer", "timer")]
    [InlineData("name=irq_14.eth-0#2:rx", "irq_14.eth-0#2:rx")]
    [InlineData("name=\"residual interrupts (nohz_full)\"", "residual interrupts (nohz_full)")]
    [InlineData("name=\"say \"\"hi\"\", ok\"", "say \"hi\", ok")]
    public void Names(string argument, string expected) =>
        Assert.Equal(expected, NoiseSpec.Parse($"poisson(rate=1/s, dur=fixed(1us), {argument})").Sources[0].Name);

    [Fact]
    public void NumbersIgnoreTheCurrentCulture()
    {
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = comma;
            var p = NoiseSpec.Parse("poisson(rate=0.5/s, dur=exp(2.5us))");
            AssertSources(p, Source("poisson#1", 0.5, new ExponentialDuration(TimeInterval.FromSeconds(2.5e-6))));
            Assert.Equal("poisson(rate=0.5/s, dur=exp(2.5us))", NoiseSpec.Format(p));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void ProfilesPassProfileValidation()
    {
        // What Parse accepts is a valid OS noise profile: Parse builds the same records, which check the same rules when
        // they are made, so nothing slips through to the model (making the OS profile would throw otherwise).
        var p = NoiseSpec.Parse("poisson(rate=2.4/s, dur=exp(20us)) + poisson(rate=0.01/s, dur=pareto(scale=1ms, alpha=1.5)) + poisson(rate=1/s, dur=lognormal(median=1us, sigma=2))");
        var os = Defaults.Os("linux") with { Noise = p };
        Assert.Equal(p, os.Noise);
        Assert.Equal(3, p.Sources.Length);
    }
}
