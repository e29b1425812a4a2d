using PerfModel.Descriptions;
using PerfModel.Noise.Spec;

namespace PerfModel.Tests.Models.Noise.Spec;

public sealed class NoiseSpecErrorTests
{
    [Fact]
    public void MessageQuotesTheSpecAndPointsAtTheCharacter()
    {
        var e = Assert.Throws<NoiseSpecException>(() => NoiseSpec.Parse("poisson(rate=1000/s, dur=fixed(2))"));
        Assert.Equal(31, e.Position);
        var nl = Environment.NewLine;
        Assert.Equal(
            "bad noise spec: expected a duration unit (ns, us, ms, s) at position 31" + nl +
            "  poisson(rate=1000/s, dur=fixed(2))" + nl +
            "                                 ^",
            e.Message);
        Assert.IsAssignableFrom<FormatException>(e);
        Assert.Equal("poisson(rate=1000/s, dur=fixed(2))", e.Spec);
        Assert.Equal("expected a duration unit (ns, us, ms, s)", e.Reason);
    }

    /// <summary>Each case: the spec, a caret line marking the character the error must point at, and a fragment of the reason.</summary>
    public static TheoryData<string, string, string> Cases() => new()
    {
        // unknown functions
        { "poison(rate=1/s, dur=fixed(1us))",
          "^", "unknown noise term 'poison' (expected poisson(...), periodic(...), trace(...) or none)" },
        { "poisson(rate=1/s, dur=gamma(1us))",
          "                      ^", "unknown duration distribution 'gamma'" },
        { "poisson(rate=1/s, dur=empirical(1us))",
          "                      ^", "load it from a file with trace(path)" },
        { "poisson(rat=1/s, dur=fixed(1us))",
          "        ^", "unknown argument 'rat' of poisson(...) (expected rate, dur, name)" },
        { "poisson(rate=1/s, dur=pareto(scale=1us, shape=2))",
          "                                        ^", "unknown argument 'shape' of pareto(...)" },
        // missing '=' or '('
        { "poisson(rate 1/s, dur=fixed(1us))",
          "             ^", "expected '=' after 'rate'" },
        { "poisson(rate=1/s, dur=lognormal(median=1us, sigma))",
          "                                                 ^", "expected '=' after 'sigma'" },
        { "poisson rate=1/s",
          "        ^", "expected '(' after 'poisson'" },
        // numbers
        { "poisson(rate=1.2.3/s, dur=fixed(1us))",
          "             ^", "bad number '1.2.3'" },
        { "poisson(rate=fast, dur=fixed(1us))",
          "             ^", "expected a rate (a number)" },
        { "poisson(rate=1/s, dur=fixed(us))",
          "                            ^", "expected a duration (a number)" },
        { "poisson(rate=1e999/s, dur=fixed(1us))",
          "             ^", "out of range" },
        // units
        { "poisson(rate=1/s, dur=fixed(2 min))",
          "                              ^", "unknown duration unit 'min'" },
        { "poisson(rate=1/h, dur=fixed(1us))",
          "              ^", "unknown rate unit '/h' (expected /s, Hz, /ms, kHz, /us or MHz)" },
        { "poisson(rate=1/s, dur=exp(1.5))",
          "                          ^", "expected a duration unit" },
        // parentheses
        { "poisson(rate=1/s, dur=fixed(1us)",
          "                                ^", "unbalanced parenthesis: no ')' for the 'poisson(' opened at position 7" },
        { "poisson(rate=1/s, dur=fixed(1us, name=a)",
          "                               ^", "expected ')' to close 'fixed('" },
        { "poisson(rate=1/s, dur=fixed(1us)))",
          "                                 ^", "unbalanced parenthesis: this ')' has no matching '('" },
        { "trace(runs/a(1.csv",
          "                  ^", "unbalanced parenthesis: no ')' for the 'trace(' opened at position 5" },
        // trailing garbage and structure
        { "none x",
          "     ^", "unexpected 'x'" },
        { "poisson(rate=1/s, dur=fixed(1us)) poisson(rate=1/s, dur=fixed(1us))",
          "                                  ^", "expected '+', '|', '@cosched' or the end" },
        { "poisson(rate=1/s, dur=fixed(1us)) @co",
          "                                   ^", "expected 'cosched' after '@'" },
        { "poisson(rate=1/s, dur=fixed(1us)) +",
          "                                   ^", "expected a term after '+'" },
        { "none + poisson(rate=1/s, dur=fixed(1us))",
          "     ^", "'none' cannot be combined" },
        { "",
          "^", "expected 'none', 'poisson(...)', 'periodic(...)' or 'trace(...)'" },
        { "   ",
          "   ^", "expected 'none'" },
        { "poisson(dur=fixed(1us))",
          "                      ^", "poisson(...) needs 'rate=...'" },
        { "poisson(rate=1/s)",
          "                ^", "poisson(...) needs 'dur=...'" },
        { "poisson(rate=1/s, rate=2/s, dur=fixed(1us))",
          "                  ^", "argument 'rate' of poisson(...) is given twice" },
        { "poisson(rate=1/s, dur=fixed(1us), name=\"tick)",
          "                                             ^", "unterminated name: no '\"' for the quote opened at position 39" },
        { "poisson(rate=1/s, dur=fixed(1us), name=)",
          "                                       ^", "expected a name" },
        { "poisson(rate=1/s, dur=fixed(1us), name=\" \")",
          "                                       ^", "name must not be empty" },
        { "trace()",
          "      ^", "trace(...) needs a file path" },
        { "trace(x.csv)",
          "^", "trace(...) needs a trace resolver" },
        // values that make no sense
        { "poisson(rate=-5/s, dur=fixed(1us))",
          "             ^", "rate -5/s must be >= 0" },
        { "poisson(rate=1/s, dur=fixed(-1us))",
          "                            ^", "must be >= 0" },
        { "poisson(rate=1/s, dur=exp(0ns))",
          "                          ^", "mean duration 0s must be > 0" },
        { "poisson(rate=1/s, dur=lognormal(median=-2us, sigma=1))",
          "                                       ^", "median -2us must be > 0" },
        { "poisson(rate=1/s, dur=pareto(scale=0us, alpha=2))",
          "                                   ^", "scale 0s must be > 0" },
        { "poisson(rate=1/s, dur=pareto(scale=10us, alpha=1))",
          "                                               ^", "alpha 1 must be > 1 (alpha <= 1 gives detours an infinite mean)" },
        { "poisson(rate=1/s, dur=pareto(alpha=0.5, scale=10us))",
          "                                   ^", "alpha 0.5 must be > 1" },
        { "poisson(rate=1/s, dur=lognormal(median=1us, sigma=0))",
          "                                                  ^", "sigma 0 must be a finite number > 0" },
        { "poisson(rate=1/s, dur=lognormal(median=1us, sigma=-0.5))",
          "                                                  ^", "sigma -0.5 must be a finite number > 0" },
        // the core would be all noise: the term that makes it so
        { "poisson(rate=1kHz, dur=fixed(1ms))",
          "^", "rate x mean duration = 1 must be < 1" },
        { "poisson(rate=1/s, dur=fixed(10us)) + poisson(rate=2/s, dur=pareto(scale=1s, alpha=3))",
          "                                     ^", "rate x mean duration = 3 must be < 1" },
        { "poisson(rate=1/s, dur=fixed(0.6s)) + poisson(rate=1/s, dur=exp(0.5s))",
          "                                     ^", "add up to 1.1, which must be < 1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ErrorsPointAtTheOffendingCharacter(string spec, string caret, string reason)
    {
        var e = Assert.Throws<NoiseSpecException>(() => NoiseSpec.Parse(spec));
        Assert.Equal(caret.IndexOf('^', StringComparison.Ordinal), e.Position);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        var lines = e.Message.Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.Equal($"bad noise spec: {e.Reason} at position {e.Position}", lines[0]);
        Assert.Equal("  " + spec, lines[1]);
        Assert.Equal("  " + caret, lines[2]);
    }

    [Fact]
    public void TraceSourcesCountTowardsTheNoiseFraction()
    {
        static NoiseProfile Heavy(string path) => new([TestProfiles.Source("heavy", 1000, 6e-4)], false);
        var e = Assert.Throws<NoiseSpecException>(() => NoiseSpec.Parse("poisson(rate=1/s, dur=fixed(0.5s)) + trace(h.csv)", Heavy));
        Assert.Equal(37, e.Position);
        Assert.Contains("add up to 1.1", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolverExceptionsPropagate()
    {
        var missing = new ProfileValidationException([new ValidationError("x.csv", "$", "file not found")]);
        var thrown = Assert.Throws<ProfileValidationException>(() => NoiseSpec.Parse("trace(x.csv)", _ => throw missing));
        Assert.Same(missing, thrown);
    }

    [Fact]
    public void TabsAndNewlinesKeepTheCaretAligned()
    {
        var e = Assert.Throws<NoiseSpecException>(() => NoiseSpec.Parse("none\n\tx"));
        Assert.Equal(6, e.Position);
        var lines = e.Message.Split(Environment.NewLine);
        Assert.Equal("  none  x", lines[1]);
        Assert.Equal("        ^", lines[2]);
    }

    [Fact]
    public void NullSpecIsAnArgumentError() => Assert.Throws<ArgumentNullException>(() => NoiseSpec.Parse(null!));
}
