using System.Globalization;

namespace PerfModel;

/// <summary>Node-count lists for sweeps: powers of two, cubes (Lulesh needs a cubic rank count), and the text form the
/// command line takes ("1,2,4" and ranges "1-2048" meaning the powers of two in the range).</summary>
public static class Nodes
{
    /// <summary>The powers of two in [<paramref name="from"/>, <paramref name="to"/>], e.g. PowersOfTwo(1, 16384) = 1, 2, …, 16384.</summary>
    /// <exception cref="ArgumentOutOfRangeException">from &lt; 1, to &lt; from, or no power of two in the range.</exception>
    public static IReadOnlyList<int> PowersOfTwo(int from, int to)
    {
        if (from < 1) throw new ArgumentOutOfRangeException(nameof(from), from, $"from={from}, but it should be >= 1");
        if (to < from) throw new ArgumentOutOfRangeException(nameof(to), to, $"to={to}, but it should be >= from ({from})");
        var list = new List<int>();
        for (long p = 1; p <= to; p *= 2)
            if (p >= from) list.Add((int)p);
        return list.Count > 0 ? list : throw new ArgumentOutOfRangeException(nameof(to), to, $"[{from}, {to}] holds no power of two");
    }

    /// <summary>The cubes n³ in [<paramref name="from"/>, <paramref name="to"/>], e.g. Cubes(1, 1728) = 1, 8, 27, …, 1728.</summary>
    public static IReadOnlyList<int> Cubes(int from, int to)
    {
        if (from < 1) throw new ArgumentOutOfRangeException(nameof(from), from, $"from={from}, but it should be >= 1");
        if (to < from) throw new ArgumentOutOfRangeException(nameof(to), to, $"to={to}, but it should be >= from ({from})");
        var list = new List<int>();
        for (long n = 1; n * n * n <= to; n++)
            if (n * n * n >= from) list.Add((int)(n * n * n));
        return list.Count > 0 ? list : throw new ArgumentOutOfRangeException(nameof(to), to, $"[{from}, {to}] holds no cube");
    }

    /// <summary>Parses a comma list of counts and ranges: "1,2,4", "1-2048" (the powers of two in the range), "27,64-256";
    /// the result is sorted and without duplicates.</summary>
    /// <param name="text">The list.</param>
    /// <param name="what">Name of the option or field for error messages, e.g. "--nodes".</param>
    /// <exception cref="FormatException">An empty item, a count that is not a whole number ≥ 1, a range that runs
    /// backwards or holds no power of two.</exception>
    public static IReadOnlyList<int> Parse(string text, string what = "nodes")
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new SortedSet<int>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0) throw new FormatException($"{what} '{text}': empty item");
            var dash = raw.IndexOf('-', 1);
            if (dash < 0)
            {
                result.Add(Positive(raw, text, what));
                continue;
            }
            var lo = Positive(raw[..dash], text, what);
            var hi = Positive(raw[(dash + 1)..], text, what);
            if (lo > hi) throw new FormatException($"{what} '{text}': range '{raw}' runs backwards");
            var any = false;
            for (long p = 1; p <= hi; p *= 2)
                if (p >= lo) { result.Add((int)p); any = true; }
            if (!any) throw new FormatException($"{what} '{text}': range '{raw}' holds no power of two");
        }
        return result.ToArray();
    }

    private static int Positive(string s, string text, string what)
    {
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            throw new FormatException($"{what} '{text}': '{s}' is not a whole number >= 1");
        return n;
    }
}
