using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Spec;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Noise.Spec;

/// <summary>Periodic sources (<c>periodic(freq=…, dur=…)</c>), node classes (<c>… | nodes(S%: …)</c>) and the replay
/// placeholder: what they parse to, and errors that point at the offending character.</summary>
public sealed class NoiseSpecArrivalAndClassTests
{
    private static NoiseSource Periodic(string name, double perSecond, double seconds) =>
        new(name, EventRate.FromPerSecond(perSecond), new FixedDuration(TimeInterval.FromSeconds(seconds)), NoiseArrival.Periodic);

    // ---- periodic sources -----------------------------------------------------------------------------------------

    [Fact]
    public void PeriodicTermIsAPeriodicSource()
    {
        var p = NoiseSpec.Parse("periodic(freq=1kHz, dur=fixed(2us))");
        var s = Assert.Single(p.Sources);
        Assert.Equal(Periodic("periodic#1", 1000, 2e-6), s);
        Assert.Equal(NoiseArrival.Periodic, s.Arrival);
        Assert.Null(s.Trace);
        Assert.Equal(1e-3, s.Period.Seconds);
        Assert.False(p.CoScheduled);
    }

    [Theory]
    [InlineData("freq=1kHz", 1000.0)]
    [InlineData("freq=250 Hz", 250.0)]
    [InlineData("freq=0.1MHz", 1e5)]
    [InlineData("freq=1000/s", 1000.0)]
    [InlineData("freq=1/ms", 1000.0)]
    [InlineData("freq=100", 100.0)]
    [InlineData("rate=1kHz", 1000.0)]
    [InlineData("rate=2.5e2/s", 250.0)]
    public void FrequencyUnitsAndTheRateSynonym(string argument, double perSecond) =>
        Assert.Equal(perSecond, NoiseSpec.Parse($"periodic({argument}, dur=fixed(1us))").Sources[0].Rate.PerSecond);

    [Fact]
    public void MegahertzIsARateUnitOfPoissonTermsToo() =>
        Assert.Equal(2e6, NoiseSpec.Parse("poisson(rate=2MHz, dur=fixed(1ns))").Sources[0].Rate.PerSecond);

    [Fact]
    public void UnnamedTermsAreNumberedPerKind()
    {
        var p = NoiseSpec.Parse("periodic(freq=1kHz, dur=fixed(2us)) + poisson(rate=1/s, dur=fixed(1ms)) + periodic(dur=fixed(5us), rate=100Hz) + poisson(rate=2/s, dur=exp(1us), name=kw)");
        Assert.Equal(["periodic#1", "poisson#1", "periodic#2", "kw"], p.Sources.Select(s => s.Name));
        Assert.Equal([NoiseArrival.Periodic, NoiseArrival.Poisson, NoiseArrival.Periodic, NoiseArrival.Poisson], p.Sources.Select(s => s.Arrival));
    }

    [Fact]
    public void CoScheduledPeriodicSourcesTickInPhase()
    {
        // @cosched is the profile's flag: every core sees the same detours, so periodic sources share their phase.
        var p = NoiseSpec.Parse("periodic(freq=1kHz, dur=fixed(2us), name=tick) @cosched");
        Assert.True(p.CoScheduled);
        Assert.Equal(Periodic("tick", 1000, 2e-6), Assert.Single(p.Sources));
    }

    // ---- node classes ---------------------------------------------------------------------------------------------

    [Fact]
    public void NodeClassGivesAShareOfTheNodesOtherNoise()
    {
        var p = NoiseSpec.Parse("poisson(rate=20/s, dur=fixed(50us)) | nodes(1%: poisson(rate=1/s, dur=fixed(10ms)))");
        Assert.Equal([Source("poisson#1", 20, 50e-6)], p.Sources.ToArray());
        var c = Assert.Single(p.NodeClasses);
        Assert.Equal(0.01, c.Share); // "1%" is 1e-2 exactly: the decimal exponent is shifted, not multiplied
        Assert.Equal([Source("poisson#1", 1, 0.01)], c.Noise.Sources.ToArray());
        Assert.False(c.Noise.CoScheduled);
        Assert.Empty(c.Noise.NodeClasses);
        Assert.Equal(0.99, p.BaseShare, 15);
    }

    [Fact]
    public void QuietMachineWithAFewNoisyNodes()
    {
        var p = NoiseSpec.Parse("none | nodes(0.5%: periodic(freq=100Hz, dur=fixed(1ms), name=daemon) @cosched) | nodes(2.5 %:none) @cosched");
        Assert.Empty(p.Sources);
        Assert.True(p.CoScheduled);
        Assert.Equal([0.005, 0.025], p.NodeClasses.Select(c => c.Share));
        Assert.True(p.NodeClasses[0].Noise.CoScheduled);
        Assert.Equal([Periodic("daemon", 100, 1e-3)], p.NodeClasses[0].Noise.Sources.ToArray());
        Assert.Equal(NoiseProfile.None, p.NodeClasses[1].Noise);
    }

    [Fact]
    public void SharesMayAddUpToExactlyAllNodes()
    {
        var p = NoiseSpec.Parse("none | nodes(30%: none) | nodes(70%: poisson(rate=1/s, dur=fixed(1us)))");
        Assert.Equal(0, p.BaseShare);
        Assert.Single(NoiseSpec.Parse("none | nodes(100%: none)").NodeClasses);
    }

    [Fact]
    public void TraceTermsWorkInsideNodeClasses()
    {
        var traced = Source("fwq", 1200, new EmpiricalDuration([1e-5, 3e-5], [1, 1]));
        var p = NoiseSpec.Parse("none | nodes(3%: trace(bad node.csv) + poisson(rate=1/s, dur=fixed(1us)))", path =>
        {
            Assert.Equal("bad node.csv", path);
            return new NoiseProfile([traced]);
        });
        Assert.Equal([traced, Source("poisson#1", 1, 1e-6)], p.NodeClasses[0].Noise.Sources.ToArray());
    }

    [Fact]
    public void AResolverProfileWithNodeClassesIsRejected()
    {
        var withClasses = new NoiseProfile([]) { NodeClasses = [new NodeNoiseClass(0.1, NoiseProfile.None)] };
        var e = Assert.Throws<NoiseSpecException>(() => NoiseSpec.Parse("poisson(rate=1/s, dur=fixed(1us)) + trace(x.csv)", _ => withClasses));
        Assert.Equal(36, e.Position);
        Assert.Contains("node classes", e.Reason, StringComparison.Ordinal);
    }

    // ---- errors ---------------------------------------------------------------------------------------------------

    /// <summary>Each case: the spec, a caret line marking the character the error must point at, and a fragment of the reason.</summary>
    public static TheoryData<string, string, string> Cases() => new()
    {
        { "periodic(freq=1kHz, rate=1kHz, dur=fixed(2us))",
          "                    ^", "give either 'freq' or 'rate' to periodic(...), not both ('freq' is given already)" },
        { "periodic(dur=fixed(2us))",
          "                       ^", "periodic(...) needs 'freq=...' (or 'rate=...')" },
        { "periodic(freq=1kHz)",
          "                  ^", "periodic(...) needs 'dur=...'" },
        { "periodic(freq=1kHz, dur=exp(2us))",
          "                        ^", "a periodic detour must end before the next one starts, and exp(2us) has no longest duration: use fixed(...)" },
        { "periodic(rate=1kHz, dur=pareto(scale=1us, alpha=3))",
          "                        ^", "has no longest duration" },
        { "periodic(freq=1kHz, dur=fixed(1ms))",
          "^", "rate x mean duration = 1 must be < 1" },
        { "periodic(freq=1kHz, dur=fixed(2us), phase=0)",
          "                                    ^", "unknown argument 'phase' of periodic(...) (expected freq, rate, dur, name)" },
        { "periodic(freq=-1Hz, dur=fixed(2us))",
          "              ^", "must be >= 0" },
        { "periodic(freq=1GHz, dur=fixed(0.1ns))",
          "               ^", "unknown rate unit 'GHz'" },
        { "periodic freq=1kHz",
          "         ^", "expected '(' after 'periodic'" },
        { "poisson(rate=1/s, dur=fixed(1us)) | nodes(1: none)",
          "                                           ^", "expected '%' after the share of the nodes (a percentage, e.g. 1%)" },
        { "none | nodes(1% none)",
          "                ^", "expected ':' after the share of the nodes" },
        { "none | nodes(%: none)",
          "             ^", "expected a share of the nodes (a percentage, e.g. 1%) (a number)" },
        { "none | nodes(0%: none)",
          "             ^", "share 0% of the nodes must be in (0%, 100%]" },
        { "none | nodes(150%: none)",
          "             ^", "share 150% of the nodes must be in (0%, 100%]" },
        { "none | nodes(60%: none) | nodes(50%: none)",
          "                          ^", "with this class the shares of the node classes add up to 110%, which must be at most 100%" },
        { "none | nodes(1%: none | nodes(1%: none))",
          "                      ^", "a node class cannot have node classes of its own" },
        { "none | nodes(1%: nodes(1%: none))",
          "                 ^", "a node class cannot have node classes of its own" },
        { "nodes(1%: none)",
          "^", "'nodes(...)' is a node class: it follows the profile's own terms after '|', e.g. 'none | nodes(1%: poisson(...))'" },
        { "poisson(rate=1/s, dur=fixed(1us)) + nodes(1%: none)",
          "                                    ^", "'nodes(...)' is a node class" },
        { "none @cosched | nodes(1%: none)",
          "              ^", "'@cosched' ends the spec: write it after the node classes" },
        { "none | nodes(1%: poisson(rate=1/s, dur=fixed(1us))",
          "                                                  ^", "unbalanced parenthesis: no ')' for the 'nodes(' opened at position 12" },
        { "none | poisson(rate=1/s, dur=fixed(1us))",
          "       ^", "expected a node class 'nodes(SHARE%: ...)' or a core class 'cores(SHARE%: ...)' after '|', found 'poisson'" },
        { "none |",
          "      ^", "expected a node class 'nodes(SHARE%: ...)' or a core class 'cores(SHARE%: ...)' after '|'" },
        { "none | nodes(1%: poisson(rate=1/s, dur=fixed(1us)) x)",
          "                                                   ^", "expected '+', '@cosched' or ')' to close 'nodes('" },
        { "none | nodes(1%: none x)",
          "                      ^", "expected '@cosched' or ')' to close 'nodes('" },
        { "none | nodes(1%: poisson(rate=1/s, dur=fixed(1us))) x",
          "                                                    ^", "unexpected 'x': expected '|', '@cosched' or the end of the spec" },
        { "none | nodes(1%: poisson(rate=1kHz, dur=fixed(1ms)))",
          "                 ^", "rate x mean duration = 1 must be < 1" },
        { "none | nodes(1%:)",
          "                ^", "unexpected ')': expected a term, 'poisson(...)', 'periodic(...)' or 'trace(...)'" },
        { "poisson(rate=1/s, dur=fixed(1us)) @cosched + poisson(rate=1/s, dur=fixed(1us))",
          "                                           ^", "expected the end of the spec after '@cosched'" },
        { "none | nodes(1%: none @cosched @cosched)",
          "                               ^", "expected ')' to close 'nodes('" },
        { "replay(3 detours over 1s, name=x)",
          "^", "a replayed detour trace cannot be written in a spec; load it from its file with trace(path)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ErrorsPointAtTheOffendingCharacter(string spec, string caret, string reason)
    {
        var e = Assert.Throws<NoiseSpecException>(() => NoiseSpec.Parse(spec));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.Equal(caret.IndexOf('^', StringComparison.Ordinal), e.Position);
        Assert.Equal("  " + caret, e.Message.Split(Environment.NewLine)[2]);
    }
}
