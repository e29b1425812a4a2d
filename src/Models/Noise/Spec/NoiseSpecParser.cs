using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PerfModel.Profiles;

namespace PerfModel.Noise.Spec;

/// <summary>
/// Recursive-descent parser behind <see cref="NoiseSpec.Parse"/> (the grammar is documented there). One instance parses
/// one spec; every error is a <see cref="NoiseSpecException"/> pointing at the offending character.
/// </summary>
internal sealed class NoiseSpecParser
{
    /// <summary>Duration units and their decimal exponent: a number n with unit u means n × 10^Exponent seconds, computed
    /// by shifting the decimal exponent of the text and rounding once (so "7.3us" is exactly the double 7.3e-6, the
    /// value nearest to the decimal the user wrote, and <see cref="NoiseSpec.Format"/> can round-trip every duration).</summary>
    internal static readonly ImmutableArray<(string Unit, int Exponent)> DurationUnits =
        [("ns", -9), ("us", -6), ("µs", -6), ("μs", -6), ("ms", -3), ("s", 0)];

    private const string DurationUnitList = "ns, us, ms, s";

    private readonly string s;
    private readonly Func<string, NoiseProfile>? traceResolver;
    private int pos;

    internal NoiseSpecParser(string spec, Func<string, NoiseProfile>? traceResolver)
    {
        s = spec;
        this.traceResolver = traceResolver;
    }

    private bool AtEnd => pos >= s.Length;

    private char Current => s[pos];

    /// <summary>spec := 'none' ['@cosched'] | term ('+' term)* ['@cosched'].</summary>
    internal NoiseProfile ParseSpec()
    {
        SkipWs();
        if (AtEnd) throw Fail(pos, "expected 'none', 'poisson(...)' or 'trace(...)'");
        var sources = new List<NoiseSource>();
        if (PeekWord() == "none")
        {
            pos += 4;
            SkipWs();
            if (!AtEnd && Current == '+') throw Fail(pos, "'none' cannot be combined with other terms");
            var co = ParseCoScheduled();
            ExpectEnd("expected '@cosched' or the end of the spec");
            return new NoiseProfile(ImmutableArray<NoiseSource>.Empty, co);
        }
        var poissonTerms = 0;
        var totalFraction = 0.0;
        while (true)
        {
            SkipWs();
            ParseTerm(sources, ref poissonTerms, ref totalFraction);
            SkipWs();
            if (AtEnd || Current != '+') break;
            pos++;
            SkipWs();
            if (AtEnd) throw Fail(pos, "expected a term after '+'");
        }
        var coScheduled = ParseCoScheduled();
        ExpectEnd("expected '+', '@cosched' or the end of the spec");
        return new NoiseProfile([.. sources], coScheduled);
    }

    /// <summary>term := 'poisson' '(' args ')' | 'trace' '(' path ')'.</summary>
    private void ParseTerm(List<NoiseSource> sources, ref int poissonTerms, ref double totalFraction)
    {
        var start = pos;
        var word = ReadWord();
        switch (word)
        {
            case "poisson":
            {
                poissonTerms++;
                var source = ParsePoisson(poissonTerms);
                AddChecked(sources, source, start, ref totalFraction);
                break;
            }
            case "trace":
            {
                var path = ParseTracePath();
                if (traceResolver is null) throw Fail(start, "trace(...) needs a trace resolver, and none was given");
                var profile = traceResolver(path)
                    ?? throw new InvalidOperationException($"the trace resolver returned null for '{path}'");
                foreach (var source in profile.Sources.IsDefault ? [] : profile.Sources) AddChecked(sources, source, start, ref totalFraction);
                break;
            }
            case "none":
                throw Fail(start, "'none' cannot be combined with other terms");
            case "":
                throw Fail(start, AtEnd ? "expected a term: 'poisson(...)' or 'trace(...)'" : $"unexpected '{Current}': expected a term, 'poisson(...)' or 'trace(...)'");
            default:
                throw Fail(start, $"unknown noise term '{word}' (expected poisson(...), trace(...) or none)");
        }
    }

    /// <summary>Adds a source after checking that it, and all sources so far, leave the core some time to compute.</summary>
    private void AddChecked(List<NoiseSource> sources, NoiseSource source, int termStart, ref double totalFraction)
    {
        var f = source.Fraction;
        if (f >= 1)
            throw Fail(termStart, $"rate x mean duration = {G(f)} must be < 1 (the core would do nothing but detours)");
        totalFraction += f;
        if (totalFraction >= 1)
            throw Fail(termStart, $"with this term the sources' rate x mean duration add up to {G(totalFraction)}, which must be < 1 (the core would do nothing but detours)");
        sources.Add(source);
    }

    /// <summary>'poisson' '(' 'rate' '=' rate ',' 'dur' '=' dist [',' 'name' '=' name] ')', arguments in any order.</summary>
    private NoiseSource ParsePoisson(int index)
    {
        double? rate = null;
        DurationDistribution? dur = null;
        string? name = null;
        ParseArguments("poisson", ["rate", "dur", "name"], key =>
        {
            switch (key)
            {
                case "rate": rate = ParseRate(); break;
                case "dur": dur = ParseDistribution(); break;
                default: name = ParseName(); break;
            }
        }, closeAt =>
        {
            if (rate is null) throw Fail(closeAt, "poisson(...) needs 'rate=...'");
            if (dur is null) throw Fail(closeAt, "poisson(...) needs 'dur=...'");
        });
        return new NoiseSource(name ?? NoiseSpec.DefaultName(index), rate!.Value, dur!);
    }

    /// <summary>
    /// Parses <c>'(' key '=' value (',' key '=' value)* ')'</c> after the function name <paramref name="function"/>:
    /// every key must be one of <paramref name="keys"/> and appear at most once;
    /// <paramref name="parseValue"/> reads the value of a key, <paramref name="checkComplete"/> gets the position of ')'.
    /// </summary>
    private void ParseArguments(string function, string[] keys, Action<string> parseValue, Action<int> checkComplete)
    {
        SkipWs();
        var open = ExpectOpen(function);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        SkipWs();
        if (!AtEnd && Current == ')')
        {
            checkComplete(pos);
            pos++;
            return;
        }
        while (true)
        {
            SkipWs();
            var keyStart = pos;
            var key = ReadWord();
            var expected = string.Join(", ", keys);
            if (key.Length == 0)
            {
                if (AtEnd) throw Unclosed(function, open);
                throw Fail(keyStart, $"expected an argument of {function}(...) ({expected})");
            }
            if (Array.IndexOf(keys, key) < 0) throw Fail(keyStart, $"unknown argument '{key}' of {function}(...) (expected {expected})");
            if (!seen.Add(key)) throw Fail(keyStart, $"argument '{key}' of {function}(...) is given twice");
            SkipWs();
            if (AtEnd || Current != '=') throw Fail(pos, $"expected '=' after '{key}'");
            pos++;
            SkipWs();
            parseValue(key);
            SkipWs();
            if (AtEnd) throw Unclosed(function, open);
            if (Current == ',')
            {
                pos++;
                continue;
            }
            if (Current == ')')
            {
                checkComplete(pos);
                pos++;
                return;
            }
            throw Fail(pos, $"expected ',' or ')' after the value of '{key}'");
        }
    }

    /// <summary>rate := number ['/s' | '/ms' | 'Hz' | 'kHz'], in detours per second (no unit = per second).</summary>
    private double ParseRate()
    {
        var (text, numberStart) = LexNumber("a rate");
        SkipWs();
        var unitStart = pos;
        var shift = 0;
        if (!AtEnd && (Current == '/' || char.IsLetter(Current)))
        {
            if (Current == '/') pos++;
            ReadWhile(char.IsLetter);
            var unit = s[unitStart..pos];
            shift = unit switch
            {
                "/s" or "Hz" => 0,
                "/ms" or "kHz" => 3,
                _ => throw Fail(unitStart, $"unknown rate unit '{unit}' (expected /s, /ms, Hz or kHz)"),
            };
        }
        var rate = ToDouble(text, shift, numberStart);
        if (rate < 0) throw Fail(numberStart, $"rate {G(rate)}/s must be >= 0");
        return rate;
    }

    /// <summary>dist := fixed(duration) | exp(duration) | lognormal(median=duration, sigma=number) | pareto(scale=duration, alpha=number).</summary>
    private DurationDistribution ParseDistribution()
    {
        var start = pos;
        var word = ReadWord();
        switch (word)
        {
            case "fixed":
            {
                var open = ExpectOpen("fixed");
                var (d, at) = ParseDuration();
                if (d < 0) throw Fail(at, $"duration {Dur(d)} must be >= 0");
                ExpectClose("fixed", open);
                return new FixedDuration(d);
            }
            case "exp":
            {
                var open = ExpectOpen("exp");
                var (d, at) = ParseDuration();
                if (d <= 0) throw Fail(at, $"mean duration {Dur(d)} must be > 0");
                ExpectClose("exp", open);
                return new ExponentialDuration(d);
            }
            case "lognormal":
            {
                double? median = null, sigma = null;
                ParseArguments("lognormal", ["median", "sigma"], key =>
                {
                    if (key == "median")
                    {
                        var (d, at) = ParseDuration();
                        if (d <= 0) throw Fail(at, $"median {Dur(d)} must be > 0");
                        median = d;
                    }
                    else
                    {
                        var (v, at) = ParseNumber("sigma");
                        if (v <= 0) throw Fail(at, $"sigma {G(v)} must be > 0");
                        sigma = v;
                    }
                }, closeAt =>
                {
                    if (median is null) throw Fail(closeAt, "lognormal(...) needs 'median=...'");
                    if (sigma is null) throw Fail(closeAt, "lognormal(...) needs 'sigma=...'");
                });
                return new LogNormalDuration(median!.Value, sigma!.Value);
            }
            case "pareto":
            {
                double? scale = null, alpha = null;
                ParseArguments("pareto", ["scale", "alpha"], key =>
                {
                    if (key == "scale")
                    {
                        var (d, at) = ParseDuration();
                        if (d <= 0) throw Fail(at, $"scale {Dur(d)} must be > 0");
                        scale = d;
                    }
                    else
                    {
                        var (v, at) = ParseNumber("alpha");
                        if (v <= 1) throw Fail(at, $"alpha {G(v)} must be > 1 (alpha <= 1 gives detours an infinite mean)");
                        alpha = v;
                    }
                }, closeAt =>
                {
                    if (scale is null) throw Fail(closeAt, "pareto(...) needs 'scale=...'");
                    if (alpha is null) throw Fail(closeAt, "pareto(...) needs 'alpha=...'");
                });
                return new ParetoDuration(scale!.Value, alpha!.Value);
            }
            case "empirical":
                throw Fail(start, "an empirical duration distribution cannot be written in a spec; load it from a file with trace(path)");
            case "":
                throw Fail(start, "expected a duration distribution: fixed(...), exp(...), lognormal(...) or pareto(...)");
            default:
                throw Fail(start, $"unknown duration distribution '{word}' (expected fixed, exp, lognormal or pareto)");
        }
    }

    /// <summary>duration := number unit, unit in ns, us, µs, ms, s; returns seconds and the number's position.</summary>
    private (double Seconds, int At) ParseDuration()
    {
        var (text, at) = LexNumber("a duration");
        SkipWs();
        var unitStart = pos;
        ReadWhile(char.IsLetter);
        var unit = s[unitStart..pos];
        if (unit.Length == 0) throw Fail(at, $"expected a duration unit ({DurationUnitList})");
        foreach (var (name, exponent) in DurationUnits)
        {
            if (name == unit) return (ToDouble(text, exponent, at), at);
        }
        throw Fail(unitStart, $"unknown duration unit '{unit}' (expected {DurationUnitList})");
    }

    /// <summary>A plain number (sigma, alpha): its value and position.</summary>
    private (double Value, int At) ParseNumber(string what)
    {
        var (text, at) = LexNumber(what);
        return (ToDouble(text, 0, at), at);
    }

    /// <summary>The value of the number <paramref name="text"/> × 10^<paramref name="shift"/>, rounded once to the
    /// nearest double: the shift is added to the text's decimal exponent before parsing.</summary>
    internal static double Scale(string text, int shift)
    {
        if (shift == 0) return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        var e = text.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? text : text[..e];
        long exponent = 0;
        // An exponent too long for a long gives 0 or ±∞ whatever the shift; parse it as written.
        if (e >= 0 && !long.TryParse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        exponent += shift;
        return double.Parse(mantissa + "e" + exponent.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private double ToDouble(string text, int shift, int at)
    {
        var value = Scale(text, shift);
        if (!double.IsFinite(value)) throw Fail(at, $"number '{text}' is out of range");
        return value;
    }

    /// <summary>number := ['+'|'-'] (digits ['.' digits] | '.' digits) [('e'|'E') ['+'|'-'] digits], invariant culture.
    /// Returns the text and the position where the number starts (for errors about its value).</summary>
    private (string Text, int At) LexNumber(string what)
    {
        var start = pos;
        if (!AtEnd && (Current == '+' || Current == '-')) pos++;
        var intDigits = ReadWhile(char.IsAsciiDigit);
        var fracDigits = 0;
        if (!AtEnd && Current == '.')
        {
            pos++;
            fracDigits = ReadWhile(char.IsAsciiDigit);
        }
        if (intDigits + fracDigits == 0)
        {
            pos = start;
            throw Fail(start, AtEnd ? $"expected {what} (a number), but the spec ended" : $"expected {what} (a number)");
        }
        // An exponent only if 'e' is followed by a digit (with an optional sign): in "2ems" the 'e' starts a unit.
        if (!AtEnd && (Current == 'e' || Current == 'E'))
        {
            var e = pos + 1;
            if (e < s.Length && (s[e] == '+' || s[e] == '-')) e++;
            if (e < s.Length && char.IsAsciiDigit(s[e]))
            {
                pos = e;
                ReadWhile(char.IsAsciiDigit);
            }
        }
        if (!AtEnd && (Current == '.' || char.IsAsciiDigit(Current)))
        {
            ReadWhile(c => char.IsAsciiDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-');
            throw Fail(start, $"bad number '{s[start..pos]}'");
        }
        return (s[start..pos], start);
    }

    /// <summary>name := ident | '"' (any char but '"' | '""')* '"'; ident chars are letters, digits and _ - . # :</summary>
    private string ParseName()
    {
        var start = pos;
        if (!AtEnd && Current == '"')
        {
            pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Fail(pos, $"unterminated name: no '\"' for the quote opened at position {start}");
                if (Current == '"')
                {
                    if (pos + 1 < s.Length && s[pos + 1] == '"')
                    {
                        sb.Append('"');
                        pos += 2;
                        continue;
                    }
                    pos++;
                    break;
                }
                sb.Append(Current);
                pos++;
            }
            var quoted = sb.ToString();
            if (string.IsNullOrWhiteSpace(quoted)) throw Fail(start, "name must not be empty");
            return quoted;
        }
        ReadWhile(NoiseSpec.IsNameChar);
        if (pos == start) throw Fail(start, "expected a name (letters, digits, _ - . # : or a \"quoted name\")");
        return s[start..pos];
    }

    /// <summary>'(' path ')' after 'trace': the path is everything up to the matching ')', trimmed.</summary>
    private string ParseTracePath()
    {
        SkipWs();
        var open = ExpectOpen("trace");
        var depth = 1;
        var pathStart = pos;
        while (!AtEnd)
        {
            if (Current == '(') depth++;
            else if (Current == ')' && --depth == 0) break;
            pos++;
        }
        if (AtEnd) throw Unclosed("trace", open);
        var path = s[pathStart..pos].Trim();
        if (path.Length == 0) throw Fail(pos, "trace(...) needs a file path");
        pos++;
        return path;
    }

    /// <summary>['@' 'cosched'].</summary>
    private bool ParseCoScheduled()
    {
        SkipWs();
        if (AtEnd || Current != '@') return false;
        pos++;
        SkipWs();
        var wordStart = pos;
        var word = ReadWord();
        if (word != "cosched") throw Fail(wordStart, "expected 'cosched' after '@'");
        return true;
    }

    private void ExpectEnd(string expected)
    {
        SkipWs();
        if (AtEnd) return;
        if (Current == ')') throw Fail(pos, "unbalanced parenthesis: this ')' has no matching '('");
        throw Fail(pos, $"unexpected '{Current}': {expected}");
    }

    private int ExpectOpen(string function)
    {
        SkipWs();
        if (AtEnd || Current != '(') throw Fail(pos, $"expected '(' after '{function}'");
        return pos++;
    }

    private void ExpectClose(string function, int open)
    {
        SkipWs();
        if (AtEnd) throw Unclosed(function, open);
        if (Current != ')') throw Fail(pos, $"expected ')' to close '{function}('");
        pos++;
    }

    private NoiseSpecException Unclosed(string function, int open) =>
        Fail(pos, $"unbalanced parenthesis: no ')' for the '{function}(' opened at position {open}");

    private string PeekWord()
    {
        var save = pos;
        var w = ReadWord();
        pos = save;
        return w;
    }

    /// <summary>A keyword: ASCII letters, digits after the first letter.</summary>
    private string ReadWord()
    {
        var start = pos;
        if (!AtEnd && char.IsAsciiLetter(Current)) ReadWhile(char.IsAsciiLetterOrDigit);
        return s[start..pos];
    }

    private int ReadWhile(Func<char, bool> accept)
    {
        var start = pos;
        while (!AtEnd && accept(Current)) pos++;
        return pos - start;
    }

    private void SkipWs() => ReadWhile(char.IsWhiteSpace);

    private NoiseSpecException Fail(int position, string reason) => new(s, position, reason);

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static string Dur(double seconds) => seconds < 0 ? "-" + DurationDistribution.FormatSeconds(-seconds) : DurationDistribution.FormatSeconds(seconds);
}
