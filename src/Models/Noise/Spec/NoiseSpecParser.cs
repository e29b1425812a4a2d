using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Noise.Spec;

/// <summary>
/// Recursive-descent parser behind <see cref="NoiseSpec.Parse"/> (the grammar is documented there). One instance parses
/// one spec; every error is a <see cref="NoiseSpecException"/> pointing at the offending character.
/// </summary>
internal sealed class NoiseSpecParser
{
    /// <summary>Duration units and their decimal exponent (<see cref="UnitFormat.TimeUnits"/>): a number n with unit u means
    /// n × 10^Exponent seconds, computed by shifting the decimal exponent of the text and rounding once (so "7.3us" is
    /// exactly the double 7.3e-6, the value nearest to the decimal the user wrote, and <see cref="NoiseSpec.Format"/> can
    /// round-trip every duration).</summary>
    internal static IReadOnlyList<(string Unit, int Exponent)> DurationUnits => UnitFormat.TimeUnits;

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
            return new NoiseProfile([], co);
        }
        var poissonTerms = 0;
        while (true)
        {
            SkipWs();
            ParseTerm(sources, ref poissonTerms);
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
    private void ParseTerm(List<NoiseSource> sources, ref int poissonTerms)
    {
        var start = pos;
        var word = ReadWord();
        switch (word)
        {
            case "poisson":
            {
                poissonTerms++;
                var source = ParsePoisson(poissonTerms, start);
                AddChecked(sources, source, start);
                break;
            }
            case "trace":
            {
                var path = ParseTracePath();
                if (traceResolver is null) throw Fail(start, "trace(...) needs a trace resolver, and none was given");
                var profile = traceResolver(path)
                    ?? throw new InvalidOperationException($"the trace resolver returned null for '{path}'");
                foreach (var source in profile.Sources) AddChecked(sources, source, start);
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

    /// <summary>Adds a source after checking (by <see cref="NoiseProfile"/>'s own rule) that all sources so far leave the
    /// core some time to compute.</summary>
    private void AddChecked(List<NoiseSource> sources, NoiseSource source, int termStart)
    {
        try
        {
            _ = new NoiseProfile([.. sources, source]);
        }
        catch (InvalidDescriptionException e)
        {
            throw Fail(termStart, Reason(e));
        }
        sources.Add(source);
    }

    /// <summary>A rule broken while building a source or a distribution, as a spec error: what, the value, the rule.</summary>
    private static string Reason(InvalidDescriptionException e) => e.Field switch
    {
        "Rate" => $"rate {e.Value} {e.Rule}",
        "Fraction" => $"rate x mean duration = {e.Value} {e.Rule}",
        "Duration" => $"duration {e.Value} {e.Rule}",
        "Mean" => $"mean duration {e.Value} {e.Rule}",
        "Median" => $"median {e.Value} {e.Rule}",
        "Sigma" => $"sigma {e.Value} {e.Rule}",
        "Scale" => $"scale {e.Value} {e.Rule}",
        "Alpha" => $"alpha {e.Value} {e.Rule}",
        _ when e.Field.StartsWith("Sources[", StringComparison.Ordinal) => e.Rule,
        _ => $"{e.Field} {e.Value} {e.Rule}",
    };

    /// <summary>Builds a description, turning a broken rule into a spec error at <paramref name="at"/>.</summary>
    private T Build<T>(Func<T> make, int at)
    {
        try
        {
            return make();
        }
        catch (InvalidDescriptionException e)
        {
            throw Fail(at, Reason(e));
        }
    }

    /// <summary>'poisson' '(' 'rate' '=' rate ',' 'dur' '=' dist [',' 'name' '=' name] ')', arguments in any order.</summary>
    private NoiseSource ParsePoisson(int index, int termStart)
    {
        double? rate = null;
        var rateAt = termStart;
        DurationDistribution? dur = null;
        string? name = null;
        ParseArguments("poisson", ["rate", "dur", "name"], key =>
        {
            switch (key)
            {
                case "rate": rateAt = pos; rate = ParseRate(); break;
                case "dur": dur = ParseDistribution(); break;
                default: name = ParseName(); break;
            }
        }, closeAt =>
        {
            if (rate is null) throw Fail(closeAt, "poisson(...) needs 'rate=...'");
            if (dur is null) throw Fail(closeAt, "poisson(...) needs 'dur=...'");
        });
        var sourceName = name ?? NoiseSpec.DefaultName(index);
        try
        {
            return new NoiseSource(sourceName, EventRate.FromPerSecond(rate!.Value), dur!);
        }
        catch (InvalidDescriptionException e)
        {
            throw Fail(e.Field == "Rate" && rate < 0 ? rateAt : termStart, Reason(e));
        }
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
        return ToDouble(text, shift, numberStart);
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
                var fixedDuration = Build(() => new FixedDuration(TimeInterval.FromSeconds(d)), at);
                ExpectClose("fixed", open);
                return fixedDuration;
            }
            case "exp":
            {
                var open = ExpectOpen("exp");
                var (d, at) = ParseDuration();
                var exponential = Build(() => new ExponentialDuration(TimeInterval.FromSeconds(d)), at);
                ExpectClose("exp", open);
                return exponential;
            }
            case "lognormal":
            {
                double? median = null, sigma = null;
                int medianAt = start, sigmaAt = start;
                ParseArguments("lognormal", ["median", "sigma"], key =>
                {
                    if (key == "median") (median, medianAt) = ParseDuration();
                    else (sigma, sigmaAt) = ParseNumber("sigma");
                }, closeAt =>
                {
                    if (median is null) throw Fail(closeAt, "lognormal(...) needs 'median=...'");
                    if (sigma is null) throw Fail(closeAt, "lognormal(...) needs 'sigma=...'");
                });
                try
                {
                    return new LogNormalDuration(TimeInterval.FromSeconds(median!.Value), sigma!.Value);
                }
                catch (InvalidDescriptionException e)
                {
                    throw Fail(e.Field == "Median" ? medianAt : sigmaAt, Reason(e));
                }
            }
            case "pareto":
            {
                double? scale = null, alpha = null;
                int scaleAt = start, alphaAt = start;
                ParseArguments("pareto", ["scale", "alpha"], key =>
                {
                    if (key == "scale") (scale, scaleAt) = ParseDuration();
                    else (alpha, alphaAt) = ParseNumber("alpha");
                }, closeAt =>
                {
                    if (scale is null) throw Fail(closeAt, "pareto(...) needs 'scale=...'");
                    if (alpha is null) throw Fail(closeAt, "pareto(...) needs 'alpha=...'");
                });
                try
                {
                    return new ParetoDuration(TimeInterval.FromSeconds(scale!.Value), alpha!.Value);
                }
                catch (InvalidDescriptionException e)
                {
                    throw Fail(e.Field == "Scale" ? scaleAt : alphaAt, Reason(e));
                }
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
    internal static double Scale(string text, int shift) =>
        UnitFormat.TryParseScaled(text, shift, out var value) ? value : throw new FormatException($"'{text}' is not a number");

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
}
