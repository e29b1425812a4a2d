using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PerfModel.Descriptions;

namespace PerfModel.Noise.Spec;

/// <summary>
/// Compact text form of a <see cref="NoiseProfile"/>, for command lines and reports, e.g.
/// <c>poisson(rate=1000/s, dur=fixed(2us)) + poisson(rate=0.1/s, dur=fixed(10ms))</c>,
/// <c>periodic(freq=1kHz, dur=fixed(2us)) @cosched</c> or
/// <c>poisson(rate=20/s, dur=fixed(50us)) | nodes(1%: poisson(rate=1/s, dur=fixed(10ms)))</c>.
/// </summary>
/// <remarks>
/// <para>Grammar (whitespace is allowed between any two tokens, including between a number and its unit; keywords and
/// units are case-sensitive):</para>
/// <code>
/// spec     := sources ('|' class)* ['@cosched']
/// sources  := 'none' | term ('+' term)*
/// class    := 'nodes' '(' number '%' ':' sources ['@cosched'] ')'   a share of the nodes with other noise
/// term     := 'poisson' '(' 'rate' '=' rate ',' 'dur' '=' dist [',' 'name' '=' name] ')'
///           | 'periodic' '(' ('freq' | 'rate') '=' rate ',' 'dur' '=' dist [',' 'name' '=' name] ')'
///           | 'trace' '(' path ')'
/// rate     := number [unit], unit in /s, Hz, /ms, kHz, /us, MHz   detours per second; no unit = '/s'; '/ms' and 'kHz' = 1000/s
/// duration := number unit,  unit in ns, us, µs (or μs), ms, s
/// dist     := 'fixed' '(' duration ')'                       every detour takes exactly this long
///           | 'exp' '(' duration ')'                         exponential, with this mean
///           | 'lognormal' '(' 'median' '=' duration ',' 'sigma' '=' number ')'
///           | 'pareto' '(' 'scale' '=' duration ',' 'alpha' '=' number ')'
/// name     := ident | '"' (any character but '"' | '""')* '"'     ident: letters, digits, _ - . # :
/// path     := characters up to the matching ')' (nested parentheses balance), leading/trailing whitespace trimmed
/// number   := ['+'|'-'] (digits ['.' digits] | '.' digits) [('e'|'E') ['+'|'-'] digits]    invariant culture
/// </code>
/// <para>Semantics. Each <c>poisson</c> term is one <see cref="NoiseSource"/> with <see cref="NoiseArrival.Poisson"/>
/// arrivals: detours arrive on every core as a Poisson process of the given rate and take a duration drawn from
/// <c>dist</c>. Each <c>periodic</c> term is one source with <see cref="NoiseArrival.Periodic"/> arrivals: one detour
/// every 1/freq seconds (a timer tick), each core at its own uniformly random phase; <c>rate=</c> is a synonym of
/// <c>freq=</c> (give one of them), and every detour must end before the next one starts, so its distribution must have
/// a longest duration below the period (<c>fixed</c>; <c>exp</c>, <c>lognormal</c> and <c>pareto</c> are unbounded).
/// The arguments of <c>poisson</c>, <c>periodic</c>, <c>lognormal</c> and <c>pareto</c> may come in any order, each at
/// most once. A source without <c>name=</c> is named <c>poisson#k</c> (<c>periodic#k</c>), k being the 1-based
/// position of the term among the <c>poisson</c> (<c>periodic</c>) terms of the same <c>sources</c> (the profile's own,
/// or one node class's). <c>trace(p)</c> calls the trace resolver with <c>p</c> and appends the sources of the profile
/// it returns (their names, arrivals and order kept; the returned profile's <see cref="NoiseProfile.CoScheduled"/> flag
/// is ignored and it must have no node classes; exceptions of the resolver, such as a missing file, propagate
/// unchanged). <c>none</c> is no source.</para>
/// <para>Node classes. <c>base | nodes(S%: other)</c> says that each node independently belongs, with probability S %,
/// to a class whose cores see <c>other</c> instead of <c>base</c> (a <see cref="NodeNoiseClass"/> of
/// <see cref="NoiseProfile.NodeClasses"/>): <c>poisson(rate=20/s, dur=fixed(50us)) | nodes(1%: poisson(rate=1/s,
/// dur=fixed(10ms)))</c> is a machine where 1 % of the nodes run a 10 ms daemon every second instead of the usual
/// noise, and <c>none | nodes(0.5%: ...)</c> a quiet machine with a few noisy nodes. Several classes follow one another
/// (<c>| nodes(1%: …) | nodes(2%: …)</c>); their shares are in (0 %, 100 %] and add up to at most 100 %; the remaining
/// nodes have the base sources. A class cannot have classes of its own.</para>
/// <para>Co-scheduling. The <c>@cosched</c> at the very end of the spec (after the node classes) marks the profile
/// co-scheduled (<see cref="NoiseProfile.CoScheduled"/>): detours hit all cores at once — periodic sources tick in
/// phase on every core — and are not amplified at synchronisation points. A node class's noise is a profile of its
/// own, co-scheduled only when its own <c>@cosched</c> stands inside its parentheses: <c>nodes(1%: … @cosched)</c>.
/// <c>cores(S%: other)</c> is a class of single cores instead (<see cref="NoiseClassScope.Core"/>: each core joins it
/// independently; never co-scheduled); the classes of one spec are all nodes(…) or all cores(…).</para>
/// <para>Rules (the same as profile validation): rates ≥ 0; a fixed duration ≥ 0; an exponential mean, log-normal
/// median and Pareto scale &gt; 0; sigma &gt; 0; alpha &gt; 1 (α ≤ 1 has an infinite mean); every source's
/// rate × mean duration &lt; 1 and so is their sum (otherwise the core would do nothing but detours); a periodic
/// source's longest detour shorter than its period; node-class shares as above.
/// Quoted names (the default profiles' source names contain spaces and parentheses) and <c>none @cosched</c> exist so
/// that <see cref="Format"/> round-trips every valid profile without a trace source.</para>
/// </remarks>
public static class NoiseSpec
{
    /// <summary>The term <see cref="Format"/> writes for a replayed trace source (<see cref="NoiseArrival.Trace"/>), which
    /// <see cref="Parse"/> rejects: a trace is loaded from its file with <c>trace(path)</c>.</summary>
    internal const string ReplayKeyword = "replay";

    /// <summary>Parses a noise spec (grammar in the remarks of <see cref="NoiseSpec"/>).</summary>
    /// <param name="spec">The spec string.</param>
    /// <param name="traceResolver">Turns the path of a <c>trace(path)</c> term into a profile whose sources are added;
    /// null means trace terms are an error. <c>PerfModel.Calibration.Noise.NoiseTraceFile.Load</c> reads FWQ probes (Poisson
    /// arrivals with the measured durations) and LogGOPSim noise traces (replayed).</param>
    /// <returns>The profile; its sources appear in the order of the terms, its node classes in the order of the
    /// <c>nodes(...)</c> clauses.</returns>
    /// <exception cref="NoiseSpecException">The spec breaks the grammar or a rule; <see cref="NoiseSpecException.Position"/>
    /// is the offending character.</exception>
    public static NoiseProfile Parse(string spec, Func<string, NoiseProfile>? traceResolver = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new NoiseSpecParser(spec, traceResolver).ParseSpec();
    }

    /// <summary>
    /// Writes <paramref name="noise"/> as a spec that <see cref="Parse"/> reads back to an equal profile: the same sources
    /// (names, arrivals, rates and distributions, bit for bit) in the same order, the same node classes (shares bit for
    /// bit, each with its sources and co-scheduling flag) and the same co-scheduling flag. A Poisson source becomes a
    /// <c>poisson</c> term with its rate in <c>/s</c>, a periodic one a <c>periodic</c> term with its frequency in Hz,
    /// kHz or MHz (the largest unit that keeps the number ≥ 1); durations use the largest unit that keeps the number ≥ 1
    /// when that is exact (<c>2us</c>, <c>10ms</c>) and more digits or a smaller unit when not; shares are percentages;
    /// numbers use the fewest digits that round-trip. <c>name=</c> is written only when the name differs from the
    /// default <c>poisson#k</c> (<c>periodic#k</c>), quoted when it is not an identifier. No sources is <c>none</c>.
    /// </summary>
    /// <remarks>Not round-tripping: an <see cref="EmpiricalDuration"/> is written as the placeholder
    /// <c>empirical(N values, mean X)</c>, and a replayed trace source (<see cref="NoiseArrival.Trace"/>) as
    /// <c>replay(N detours over L, name=X)</c>; <see cref="Parse"/> rejects both (a trace, and the empirical distribution
    /// of an FWQ trace, are loaded from their file with <c>trace(path)</c> instead). Every profile is valid by
    /// construction, so every other profile round-trips.</remarks>
    public static string Format(NoiseProfile noise)
    {
        ArgumentNullException.ThrowIfNull(noise);
        var sb = new StringBuilder();
        AppendSources(sb, noise.Sources);
        foreach (var c in noise.NodeClasses.IsDefault ? [] : noise.NodeClasses)
        {
            sb.Append(c.Scope == NoiseClassScope.Core ? " | cores(" : " | nodes(").Append(Decimal(c.Share, 2)).Append("%: ");
            AppendSources(sb, c.Noise.Sources);
            if (c.Noise.CoScheduled) sb.Append(" @cosched");
            sb.Append(')');
        }
        if (noise.CoScheduled) sb.Append(" @cosched");
        return sb.ToString();
    }

    /// <summary>The name <see cref="Parse"/> gives the <paramref name="k"/>-th (1-based) unnamed term of kind
    /// <paramref name="kind"/> (<c>poisson</c>, <c>periodic</c>).</summary>
    internal static string DefaultName(string kind, int k) => kind + "#" + k.ToString(CultureInfo.InvariantCulture);

    private static void AppendSources(StringBuilder sb, ImmutableArray<NoiseSource> sources)
    {
        if (sources.IsDefaultOrEmpty)
        {
            sb.Append("none");
            return;
        }
        int poisson = 0, periodic = 0;
        for (var i = 0; i < sources.Length; i++)
        {
            if (i > 0) sb.Append(" + ");
            var source = sources[i];
            switch (source.Arrival)
            {
                case NoiseArrival.Periodic:
                    sb.Append("periodic(freq=").Append(Frequency(source.Rate.PerSecond)).Append(", dur=").Append(FormatDistribution(source.Duration));
                    if (source.Name != DefaultName("periodic", ++periodic)) sb.Append(", name=").Append(FormatName(source.Name));
                    break;
                case NoiseArrival.Trace:
                    var trace = source.Trace!;
                    sb.Append(ReplayKeyword).Append('(').Append(trace.Count.ToString(CultureInfo.InvariantCulture)).Append(trace.Count == 1 ? " detour over " : " detours over ")
                        .Append(DurationDistribution.FormatSeconds(trace.Length.Seconds)).Append(", name=").Append(FormatName(source.Name));
                    break;
                default:
                    sb.Append("poisson(rate=").Append(Number(source.Rate.PerSecond)).Append("/s, dur=").Append(FormatDistribution(source.Duration));
                    if (source.Name != DefaultName("poisson", ++poisson)) sb.Append(", name=").Append(FormatName(source.Name));
                    break;
            }
            sb.Append(')');
        }
    }

    /// <summary>A frequency in Hz, kHz or MHz, whichever keeps the number ≥ 1 (Hz below 1 Hz), exactly (see <see cref="Decimal"/>).</summary>
    private static string Frequency(double hertz) => hertz switch
    {
        >= 1e6 => Decimal(hertz, -6) + "MHz",
        >= 1e3 => Decimal(hertz, -3) + "kHz",
        _ => Decimal(hertz, 0) + "Hz",
    };

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
