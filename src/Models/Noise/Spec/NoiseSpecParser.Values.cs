using System.Globalization;
using System.Text;
using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Noise.Spec;

/// <summary>The values and tokens of a noise spec: rates, durations, distributions, shares, numbers, names, keywords.</summary>
internal sealed partial class NoiseSpecParser
{
    /// <summary>Duration units and their decimal exponent (<see cref="UnitFormat.TimeUnits"/>): a number n with unit u means
    /// n × 10^Exponent seconds, computed by shifting the decimal exponent of the text and rounding once (so "7.3us" is
    /// exactly the double 7.3e-6, the value nearest to the decimal the user wrote, and <see cref="NoiseSpec.Format"/> can
    /// round-trip every duration).</summary>
    internal static IReadOnlyList<(string Unit, int Exponent)> DurationUnits => UnitFormat.TimeUnits;

    /// <summary>Rate units and their decimal exponent in detours per second (<see cref="UnitFormat.RateUnits"/>: /s, Hz,
    /// /ms, kHz, /us, MHz), shifted like <see cref="DurationUnits"/>.</summary>
    internal static IReadOnlyList<(string Unit, int Exponent)> RateUnits => UnitFormat.RateUnits;

    private const string DurationUnitList = "ns, us, ms, s";

    private static string RateUnitList => string.Join(", ", RateUnits.Take(RateUnits.Count - 1).Select(u => u.Unit)) + " or " + RateUnits[^1].Unit;

    private bool AtEnd => pos >= s.Length;

    private char Current => s[pos];

    /// <summary>rate := number [unit], unit one of <see cref="RateUnits"/>, in detours per second (no unit = per second).</summary>
    private double ParseRate(string what)
    {
        var (text, numberStart) = LexNumber(what);
        SkipWs();
        var unitStart = pos;
        var shift = 0;
        if (!AtEnd && (Current == '/' || char.IsLetter(Current)))
        {
            if (Current == '/') pos++;
            ReadWhile(char.IsLetter);
            var unit = s[unitStart..pos];
            var match = RateUnits.FirstOrDefault(u => u.Unit == unit);
            if (match.Unit is null) throw Fail(unitStart, $"unknown rate unit '{unit}' (expected {RateUnitList})");
            shift = match.Exponent;
        }
        return ToDouble(text, shift, numberStart, QuantityLimits.PerSecond);
    }

    /// <summary>share := number '%': a fraction of the nodes written as a percentage; returns the fraction and the number's position.</summary>
    private (double Fraction, int At) ParseShare()
    {
        var (text, at) = LexNumber("a share of the nodes (a percentage, e.g. 1%)");
        SkipWs();
        if (AtEnd || Current != '%') throw Fail(pos, "expected '%' after the share of the nodes (a percentage, e.g. 1%)");
        pos++;
        return (ToDouble(text, -2, at, QuantityLimits.Factor), at);
    }

    /// <summary>A fraction as a percentage for messages: 0.015 → "1.5%".</summary>
    private static string Percent(double fraction) => (fraction * 100).ToString("G6", CultureInfo.InvariantCulture) + "%";

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
                ParseArguments("lognormal", ["median", "sigma"], (key, _) =>
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
                ParseArguments("pareto", ["scale", "alpha"], (key, _) =>
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
            if (name == unit) return (ToDouble(text, exponent, at, QuantityLimits.Seconds), at);
        }
        throw Fail(unitStart, $"unknown duration unit '{unit}' (expected {DurationUnitList})");
    }

    /// <summary>A plain number (sigma, alpha): its value and position.</summary>
    private (double Value, int At) ParseNumber(string what)
    {
        var (text, at) = LexNumber(what);
        return (ToDouble(text, 0, at, QuantityLimits.Factor), at);
    }

    /// <summary>The value of the number <paramref name="text"/> × 10^<paramref name="shift"/>, rounded once to the
    /// nearest double: the shift is added to the text's decimal exponent before parsing.</summary>
    internal static double Scale(string text, int shift) =>
        UnitFormat.TryParseScaled(text, shift, out var value) ? value : throw new FormatException($"'{text}' is not a number");

    /// <summary>The number's value, refused at its position when it is not finite or breaks <paramref name="limit"/> (the
    /// limits of <see cref="QuantityLimits"/>, the same a profile file's numbers keep).</summary>
    private double ToDouble(string text, int shift, int at, QuantityLimit? limit = null)
    {
        double value;
        try
        {
            value = Scale(text, shift);
        }
        catch (FormatException)
        {
            throw Fail(at, $"number '{Shown(text)}' is out of range");
        }
        if (!double.IsFinite(value)) throw Fail(at, $"number '{Shown(text)}' is out of range");
        if (limit is not null && !limit.Admits(value)) throw Fail(at, $"{Shown(text)}{(shift == 0 ? "" : " (" + value.ToString("G6", CultureInfo.InvariantCulture) + " " + limit.Unit + ")")} {limit.Rule}");
        return value;
    }

    /// <summary>A number as a message quotes it: at most 40 characters.</summary>
    private static string Shown(string text) => text.Length <= 40 ? text : text[..40] + "…";

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

    /// <summary>The error at <paramref name="position"/>; a reason quoting a long piece of the spec (a 10,000-letter unit)
    /// is cut to 200 characters.</summary>
    private NoiseSpecException Fail(int position, string reason) => new(s, position, reason.Length <= 200 ? reason : reason[..200] + "…");
}
