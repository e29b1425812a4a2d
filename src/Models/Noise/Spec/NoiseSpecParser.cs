using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Noise.Spec;

/// <summary>
/// Recursive-descent parser behind <see cref="NoiseSpec.Parse"/> (the grammar is documented there). One instance parses
/// one spec; every error is a <see cref="NoiseSpecException"/> pointing at the offending character. This file holds the
/// structure (spec, node classes, terms, sources); <c>NoiseSpecParser.Values.cs</c> the values (rates, durations,
/// distributions, numbers, names) and the tokens.
/// </summary>
internal sealed partial class NoiseSpecParser
{
    private const string TermList = "'poisson(...)', 'periodic(...)' or 'trace(...)'";

    private readonly string s;
    private readonly Func<string, NoiseProfile>? traceResolver;
    private int pos;

    internal NoiseSpecParser(string spec, Func<string, NoiseProfile>? traceResolver)
    {
        s = spec;
        this.traceResolver = traceResolver;
    }

    /// <summary>spec := sources ('|' class)* ['@cosched'].</summary>
    internal NoiseProfile ParseSpec()
    {
        SkipWs();
        if (AtEnd) throw Fail(pos, "expected 'none', " + TermList);
        var none = PeekWord() == "none";
        var sources = ParseSources(inClass: false);
        var classes = new List<NodeNoiseClass>();
        SkipWs();
        while (!AtEnd && Current == '|')
        {
            pos++;
            SkipWs();
            ParseNodeClass(classes, sources);
            SkipWs();
        }
        var coScheduled = ParseCoScheduled();
        SkipWs();
        if (coScheduled && !AtEnd && Current == '|')
            throw Fail(pos, "'@cosched' ends the spec: write it after the node classes (a class's own '@cosched' goes inside its 'nodes(...)')");
        ExpectEnd(coScheduled ? "expected the end of the spec after '@cosched'"
            : classes.Count > 0 || none ? "expected '|', '@cosched' or the end of the spec"
            : "expected '+', '|', '@cosched' or the end of the spec");
        return new NoiseProfile([.. sources], coScheduled) { NodeClasses = [.. classes] };
    }

    /// <summary>sources := 'none' | term ('+' term)*; unnamed terms are numbered per kind within these sources.</summary>
    private List<NoiseSource> ParseSources(bool inClass)
    {
        var sources = new List<NoiseSource>();
        if (PeekWord() == "none")
        {
            pos += 4;
            SkipWs();
            if (!AtEnd && Current == '+') throw Fail(pos, "'none' cannot be combined with other terms");
            return sources;
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (true)
        {
            SkipWs();
            ParseTerm(sources, counts, inClass);
            SkipWs();
            if (AtEnd || Current != '+') return sources;
            pos++;
            SkipWs();
            if (AtEnd) throw Fail(pos, "expected a term after '+'");
        }
    }

    /// <summary>class := ('nodes' | 'cores') '(' share '%' ':' sources ['@cosched'] ')'; all classes of a spec have one scope.</summary>
    private void ParseNodeClass(List<NodeNoiseClass> classes, List<NoiseSource> baseSources)
    {
        var start = pos;
        var word = ReadWord();
        if (word is not ("nodes" or "cores"))
            throw Fail(start, word.Length == 0
                ? "expected a node class 'nodes(SHARE%: ...)' or a core class 'cores(SHARE%: ...)' after '|'"
                : $"expected a node class 'nodes(SHARE%: ...)' or a core class 'cores(SHARE%: ...)' after '|', found '{word}'");
        var scope = word == "cores" ? NoiseClassScope.Core : NoiseClassScope.Node;
        var open = ExpectOpen(word);
        SkipWs();
        var (share, shareAt) = ParseShare();
        SkipWs();
        if (AtEnd || Current != ':') throw Fail(pos, "expected ':' after the share of the nodes, e.g. 'nodes(1%: poisson(...))'");
        pos++;
        SkipWs();
        if (AtEnd) throw Unclosed(word, open);
        var none = PeekWord() == "none";
        var sources = ParseSources(inClass: true);
        SkipWs();
        if (!AtEnd && Current == '|') throw Fail(pos, "a node class cannot have node classes of its own");
        var coScheduled = ParseCoScheduled();
        SkipWs();
        if (AtEnd) throw Unclosed(word, open);
        if (Current != ')')
            throw Fail(pos, none && !coScheduled ? $"expected '@cosched' or ')' to close '{word}('"
                : coScheduled ? $"expected ')' to close '{word}('" : $"expected '+', '@cosched' or ')' to close '{word}('");
        pos++;
        NodeNoiseClass nodeClass;
        try
        {
            nodeClass = new NodeNoiseClass(share, new NoiseProfile([.. sources], coScheduled)) { Scope = scope };
        }
        catch (InvalidDescriptionException e) when (e.Field == nameof(NodeNoiseClass.Share))
        {
            throw Fail(shareAt, $"share {Percent(share)} of the {word} must be in (0%, 100%]");
        }
        catch (InvalidDescriptionException e) when (e.Field == nameof(NodeNoiseClass.Scope))
        {
            throw Fail(start, "a core class 'cores(...)' cannot have co-scheduled noise (one core has no other to share a timeline with)");
        }
        var total = classes.Sum(c => c.Share) + share;
        try
        {
            _ = new NoiseProfile(baseSources) { NodeClasses = [.. classes, nodeClass] };
        }
        catch (InvalidDescriptionException e)
        {
            throw Fail(start, e.Field == nameof(NoiseProfile.NodeClasses)
                ? $"with this class the shares of the node classes add up to {Percent(total)}, which must be at most 100%"
                : e.Rule);
        }
        classes.Add(nodeClass);
    }

    /// <summary>term := poisson(...) | periodic(...) | trace(path).</summary>
    private void ParseTerm(List<NoiseSource> sources, Dictionary<string, int> counts, bool inClass)
    {
        var start = pos;
        var word = ReadWord();
        switch (word)
        {
            case "poisson":
            case "periodic":
            {
                var k = counts[word] = counts.GetValueOrDefault(word) + 1;
                AddChecked(sources, ParseSource(word, k, start), start);
                break;
            }
            case "trace":
            {
                var path = ParseTracePath();
                if (traceResolver is null) throw Fail(start, "trace(...) needs a trace resolver, and none was given");
                var profile = traceResolver(path)
                    ?? throw new InvalidOperationException($"the trace resolver returned null for '{path}'");
                if (!profile.NodeClasses.IsDefaultOrEmpty)
                    throw Fail(start, $"the trace resolver returned a profile with node classes for '{path}'; a trace gives sources only");
                foreach (var source in profile.Sources) AddChecked(sources, source, start);
                break;
            }
            case "none":
                throw Fail(start, "'none' cannot be combined with other terms");
            case "nodes" or "cores":
                throw Fail(start, inClass
                    ? "a node class cannot have node classes of its own"
                    : "'nodes(...)' is a node class: it follows the profile's own terms after '|', e.g. 'none | nodes(1%: poisson(...))'");
            case NoiseSpec.ReplayKeyword:
                throw Fail(start, "a replayed detour trace cannot be written in a spec; load it from its file with trace(path)");
            case "":
                throw Fail(start, AtEnd ? "expected a term: " + TermList : $"unexpected '{Current}': expected a term, " + TermList);
            default:
                throw Fail(start, $"unknown noise term '{word}' (expected poisson(...), periodic(...), trace(...) or none)");
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

    /// <summary>
    /// 'poisson' '(' 'rate' '=' rate ',' 'dur' '=' dist [',' 'name' '=' name] ')' or
    /// 'periodic' '(' ('freq' | 'rate') '=' rate ',' 'dur' '=' dist [',' 'name' '=' name] ')', arguments in any order.
    /// </summary>
    private NoiseSource ParseSource(string kind, int index, int termStart)
    {
        var periodic = kind == "periodic";
        double? rate = null;
        int rateAt = termStart, durAt = termStart;
        string? rateKey = null;
        DurationDistribution? dur = null;
        string? name = null;
        string[] keys = periodic ? ["freq", "rate", "dur", "name"] : ["rate", "dur", "name"];
        ParseArguments(kind, keys, (key, keyAt) =>
        {
            switch (key)
            {
                case "rate" or "freq":
                    if (rateKey is not null) throw Fail(keyAt, $"give either 'freq' or 'rate' to periodic(...), not both ('{rateKey}' is given already)");
                    rateKey = key;
                    rateAt = pos;
                    rate = ParseRate(periodic ? "a frequency" : "a rate");
                    break;
                case "dur": durAt = pos; dur = ParseDistribution(); break;
                default: name = ParseName(); break;
            }
        }, closeAt =>
        {
            if (rate is null) throw Fail(closeAt, periodic ? "periodic(...) needs 'freq=...' (or 'rate=...')" : "poisson(...) needs 'rate=...'");
            if (dur is null) throw Fail(closeAt, $"{kind}(...) needs 'dur=...'");
        });
        var sourceName = name ?? NoiseSpec.DefaultName(kind, index);
        if (periodic && double.IsPositiveInfinity(dur!.MaxSeconds))
            throw Fail(durAt, $"a periodic detour must end before the next one starts, and {dur.ToSpec()} has no longest duration: use fixed(...)");
        try
        {
            return new NoiseSource(sourceName, EventRate.FromPerSecond(rate!.Value), dur!, periodic ? NoiseArrival.Periodic : NoiseArrival.Poisson);
        }
        catch (InvalidDescriptionException e)
        {
            if (e.Field == "Rate" && rate < 0) throw Fail(rateAt, Reason(e));
            if (periodic && e.Field == "Duration" && rate > 0)
                throw Fail(durAt, $"the longest detour {UnitFormat.Seconds(dur!.MaxSeconds)} must be shorter than the period " +
                                  $"{UnitFormat.Seconds(1 / rate.Value)} (a periodic detour ends before the next one starts)");
            throw Fail(termStart, Reason(e));
        }
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

    /// <summary>
    /// Parses <c>'(' key '=' value (',' key '=' value)* ')'</c> after the function name <paramref name="function"/>:
    /// every key must be one of <paramref name="keys"/> and appear at most once; <paramref name="parseValue"/> reads the
    /// value of a key (given the key and where it starts), <paramref name="checkComplete"/> gets the position of ')'.
    /// </summary>
    private void ParseArguments(string function, string[] keys, Action<string, int> parseValue, Action<int> checkComplete)
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
            parseValue(key, keyStart);
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
}
