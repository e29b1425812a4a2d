using System.Globalization;

namespace PerfModel.Cli;

/// <summary>Parses --nodes: a comma list of counts ("1,2,4") and ranges ("1-2048", meaning the powers of two in the range).</summary>
public static class NodeList
{
    public static IReadOnlyList<int> Parse(string text, string option = "--nodes")
    {
        var result = new SortedSet<int>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0) throw new FormatException($"{option} '{text}': empty item");
            var dash = raw.IndexOf('-', 1);
            if (dash < 0)
            {
                result.Add(Positive(raw, text, option));
                continue;
            }
            var lo = Positive(raw[..dash], text, option);
            var hi = Positive(raw[(dash + 1)..], text, option);
            if (lo > hi) throw new FormatException($"{option} '{text}': range '{raw}' runs backwards");
            var any = false;
            for (long p = 1; p <= hi; p *= 2)
                if (p >= lo) { result.Add((int)p); any = true; }
            if (!any) throw new FormatException($"{option} '{text}': range '{raw}' holds no power of two");
        }
        return result.ToArray();
    }

    private static int Positive(string s, string text, string option)
    {
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            throw new FormatException($"{option} '{text}': '{s}' is not a whole number >= 1");
        return n;
    }
}
