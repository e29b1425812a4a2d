using System.Globalization;
using System.Text;
using PerfModel.Descriptions;

namespace PerfModel.Noise.Spec;

/// <summary>
/// Compact text form of a <see cref="NoiseProfile"/>, for command lines and reports, e.g.
/// <c>poisson(rate=1000/s, dur=fixed(2us)) + poisson(rate=0.1/s, dur=fixed(10ms))</c>.
/// </summary>
/// <remarks>
/// <para>Grammar (whitespace is allowed between any two tokens, including between a number and its unit; keywords and
/// units are case-sensitive):</para>
/// <code>
/// spec     := 'none' ['@cosched'] | term ('+' term)* ['@cosched']
/// term     := 'poisson' '(' 'rate' '=' rate ',' 'dur' '=' dist [',' 'name' '=' name] ')'
///           | 'trace' '(' path ')'
/// rate     := number ['/s' | '/ms' | 'Hz' | 'kHz']          detours per second; no unit = '/s'; '/ms' and 'kHz' = 1000/s
/// duration := number unit,  unit in ns, us, µs (or μs), ms, s
/// dist     := 'fixed' '(' duration ')'                       every detour takes exactly this long
///           | 'exp' '(' duration ')'                         exponential, with this mean
///           | 'lognormal' '(' 'median' '=' duration ',' 'sigma' '=' number ')'
///           | 'pareto' '(' 'scale' '=' duration ',' 'alpha' '=' number ')'
/// name     := ident | '"' (any character but '"' | '""')* '"'     ident: letters, digits, _ - . # :
/// path     := characters up to the matching ')' (nested parentheses balance), leading/trailing whitespace trimmed
/// number   := ['+'|'-'] (digits ['.' digits] | '.' digits) [('e'|'E') ['+'|'-'] digits]    invariant culture
/// </code>
/// <para>Semantics. Each <c>poisson</c> term is one <see cref="NoiseSource"/>: detours arrive on every core as a Poisson
/// process of the given rate and take a duration drawn from <c>dist</c>. The arguments of <c>poisson</c>,
/// <c>lognormal</c> and <c>pareto</c> may come in any order, each at most once. A source without <c>name=</c> is
/// named <c>poisson#k</c>, k being the 1-based position of the term among the spec's <c>poisson</c> terms.
/// <c>trace(p)</c> calls the trace resolver with <c>p</c> and appends the sources of the profile it returns (their names
/// and order kept; the returned profile's <see cref="NoiseProfile.CoScheduled"/> flag is ignored; exceptions of the
/// resolver, such as a missing file, propagate unchanged). <c>@cosched</c> marks the whole profile co-scheduled: detours
/// hit all cores at once and are not amplified at synchronisation points. <c>none</c> is the empty profile.</para>
/// <para>Rules (the same as profile validation): rates ≥ 0; a fixed duration ≥ 0; an exponential mean, log-normal
/// median and Pareto scale &gt; 0; sigma &gt; 0; alpha &gt; 1 (α ≤ 1 has an infinite mean); every source's
/// rate × mean duration &lt; 1 and so is their sum (otherwise the core would do nothing but detours).
/// Quoted names (the default profiles' source names contain spaces and parentheses) and <c>none @cosched</c> exist so
/// that <see cref="Format"/> round-trips every valid profile.</para>
/// </remarks>
public static class NoiseSpec
{
    /// <summary>Parses a noise spec (grammar in the remarks of <see cref="NoiseSpec"/>).</summary>
    /// <param name="spec">The spec string.</param>
    /// <param name="traceResolver">Turns the path of a <c>trace(path)</c> term into a profile whose sources are added;
    /// null means trace terms are an error.</param>
    /// <returns>The profile; its sources appear in the order of the terms.</returns>
    /// <exception cref="NoiseSpecException">The spec breaks the grammar or a rule; <see cref="NoiseSpecException.Position"/>
    /// is the offending character.</exception>
    public static NoiseProfile Parse(string spec, Func<string, NoiseProfile>? traceResolver = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new NoiseSpecParser(spec, traceResolver).ParseSpec();
    }

    /// <summary>
    /// Writes <paramref name="noise"/> as a spec that <see cref="Parse"/> reads back to an equal profile: the same sources
    /// (names, rates and distributions, bit for bit) in the same order and the same co-scheduling flag. Every source becomes
    /// a <c>poisson</c> term with its rate in <c>/s</c>; durations use the largest unit that keeps the number ≥ 1 when that
    /// is exact (<c>2us</c>, <c>10ms</c>) and more digits or a smaller unit when not; numbers use the fewest digits that
    /// round-trip. <c>name=</c> is written only when the name differs from the default <c>poisson#k</c>, quoted when it
    /// is not an identifier. The empty profile is <c>none</c>.
    /// </summary>
    /// <remarks>Not round-tripping: an <see cref="EmpiricalDuration"/> is written as the placeholder
    /// <c>empirical(N values, mean X)</c>, which <see cref="Parse"/> rejects (an empirical distribution is loaded
    /// from its file with <c>trace(path)</c> instead). Every profile is valid by construction, so every other profile round-trips.</remarks>
    public static string Format(NoiseProfile noise)
    {
        ArgumentNullException.ThrowIfNull(noise);
        var sources = noise.Sources;
        var sb = new StringBuilder();
        if (sources.Length == 0) sb.Append("none");
        for (var i = 0; i < sources.Length; i++)
        {
            if (i > 0) sb.Append(" + ");
            var source = sources[i];
            sb.Append("poisson(rate=").Append(Number(source.Rate.PerSecond)).Append("/s, dur=").Append(FormatDistribution(source.Duration));
            if (source.Name != DefaultName(i + 1)) sb.Append(", name=").Append(FormatName(source.Name));
            sb.Append(')');
        }
        if (noise.CoScheduled) sb.Append(" @cosched");
        return sb.ToString();
    }

    /// <summary>The name <see cref="Parse"/> gives the <paramref name="k"/>-th (1-based) unnamed poisson term.</summary>
    internal static string DefaultName(int k) => "poisson#" + k.ToString(CultureInfo.InvariantCulture);

    /// <summary>Characters of an unquoted name.</summary>
    internal static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '#' or ':';

    private static string FormatDistribution(DurationDistribution? d) => d switch
    {
        FixedDuration f => $"fixed({Duration(f.Duration.Seconds)})",
        ExponentialDuration e => $"exp({Duration(e.Mean.Seconds)})",
        LogNormalDuration l => $"lognormal(median={Duration(l.Median.Seconds)}, sigma={Number(l.Sigma)})",
        ParetoDuration p => $"pareto(scale={Duration(p.Scale.Seconds)}, alpha={Number(p.Alpha)})",
        null => "missing",
        _ => d.ToSpec(),
    };

    private static string FormatName(string? name)
    {
        if (!string.IsNullOrEmpty(name) && name.All(IsNameChar)) return name;
        return "\"" + (name ?? "").Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary><paramref name="v"/> with the fewest digits that parse back to it exactly.</summary>
    private static string Number(double v) => Decimal(v, 0);

    /// <summary>
    /// A duration the parser reads back as exactly <paramref name="seconds"/>, in the unit
    /// <see cref="DurationDistribution.FormatSeconds"/> would pick (the largest that keeps the number ≥ 1).
    /// </summary>
    private static string Duration(double seconds)
    {
        var (unit, exponent) = Math.Abs(seconds) switch
        {
            0 => ("s", 0),
            < 1e-6 => ("ns", -9),
            < 1e-3 => ("us", -6),
            < 1 => ("ms", -3),
            _ => ("s", 0),
        };
        return Decimal(seconds, -exponent) + unit;
    }

    /// <summary>
    /// <paramref name="v"/> × 10^<paramref name="shift"/> written exactly as a decimal: the shortest round-trip digits of
    /// <paramref name="v"/> ("R") with their decimal exponent moved by <paramref name="shift"/>, so no rounding happens and
    /// <see cref="NoiseSpecParser.Scale"/> (which moves it back) returns <paramref name="v"/> bit for bit. Plain notation
    /// when it needs at most 6 trailing or 3 leading zeros (<c>1000000</c>, <c>0.0015</c>), otherwise an exponent
    /// (<c>1.5e-7</c>).
    /// </summary>
    private static string Decimal(double v, int shift)
    {
        var r = v.ToString("R", CultureInfo.InvariantCulture);
        if (!double.IsFinite(v)) return r;
        var sign = r.StartsWith('-') ? "-" : "";
        r = r.TrimStart('-');
        var exponent = 0;
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }
        var dot = r.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exponent -= r.Length - dot - 1;
            r = r.Remove(dot, 1);
        }
        var digits = r.TrimStart('0');
        if (digits.Length == 0) return sign + "0";
        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length + shift;
        digits = trimmed;
        // Now |v| × 10^shift = digits × 10^exponent exactly.
        string body;
        if (exponent >= 0 && exponent <= 6) body = digits + new string('0', exponent);
        else if (exponent < 0 && -exponent < digits.Length) body = digits[..(digits.Length + exponent)] + "." + digits[(digits.Length + exponent)..];
        else if (exponent < 0 && -exponent - digits.Length <= 3) body = "0." + new string('0', -exponent - digits.Length) + digits;
        else
        {
            var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            body = mantissa + "e" + (exponent + digits.Length - 1).ToString(CultureInfo.InvariantCulture);
        }
        return sign + body;
    }
}
