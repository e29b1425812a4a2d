using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>
/// STREAM triad rates against OpenMP thread count per memory tier, read from published files (STREAM: J. D. McCalpin,
/// "Memory Bandwidth and Machine Balance in Current High Performance Computers", IEEE TCCA Newsletter, 1995; the KNL
/// measurements are K. Rupp's, github.com/karlrupp/knl-stream-benchmark, CC BY 4.0, docs/sources.md#knl-stream).
/// </summary>
/// <remarks>
/// <para>Two formats, told apart by the first line that is neither blank nor a <c>#</c> comment (a CSV header holds a
/// comma or starts with <c>threads</c>):</para>
/// <list type="bullet">
/// <item><b>knl-stream-benchmark <c>.dat</c></b>: comment lines, one of which names the tier as
/// <c># Run on KNL (68 cores) using MCDRAM NUMA node</c> (the word before "NUMA node"), then one line per run,
/// <c>&lt;threads&gt; &lt;rate&gt;</c> separated by white space. The column header says "GB/sec", but the rates are
/// STREAM's MB/s (10⁶ B/s): 421736.8 is 421.7 GB/s, and 421,736.8 GB/s would be a thousand times the KNL's
/// MCDRAM (about 400–490 GB/s, docs/sources.md#knl-memory). They are read as MB/s whatever the header says.</item>
/// <item><b>Merged CSV</b> (<c>data/measured/knl7250_stream_triad_karlrupp.csv</c>): <c>#</c> comment lines, a header
/// <c>threads,triad_MBps_&lt;tier&gt;[,triad_MBps_&lt;tier&gt;…]</c>, then one row per thread count with every
/// column filled.</item>
/// </list>
/// <para>Rules: thread counts are whole numbers 1 to <see cref="MaxThreads"/>, unique within a tier; rates are finite
/// numbers &gt; 0 and at most <see cref="MaxMegabytesPerSecond"/> MB/s; at least one data row. Rows may come in any
/// order; points are returned by ascending thread count. Every failure is a <see cref="PublishedDataException"/> naming
/// the file, the line, the column and the rule.</para>
/// </remarks>
/// <param name="File">The file read, as named by the caller.</param>
/// <param name="Tiers">The tiers, in the order of the file's columns (one for a <c>.dat</c> file).</param>
public sealed record StreamTriadTable(string File, ImmutableArray<StreamTriadTier> Tiers)
{
    /// <summary>Largest thread count accepted: 65,536 (the KNL runs go to 256).</summary>
    public const int MaxThreads = 65_536;

    /// <summary>Largest rate accepted, in MB/s: 10⁹ MB/s = 1 PB/s, far above any node's memory bandwidth; it keeps the
    /// fits' sums of squares finite.</summary>
    public const double MaxMegabytesPerSecond = 1e9;

    /// <summary>Reads a STREAM triad table (formats and rules in the remarks of <see cref="StreamTriadTable"/>).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PublishedDataException">The file is missing or unreadable, or breaks a rule.</exception>
    public static StreamTriadTable Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return StreamTriadReader.Read(path);
    }

    /// <summary>The tier named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No tier has that name; the message lists the tiers.</exception>
    public StreamTriadTier Tier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var tier in Tiers)
            if (string.Equals(tier.Name, name, StringComparison.OrdinalIgnoreCase)) return tier;
        throw new ArgumentException($"{File} has no tier '{name}'; its tiers are {string.Join(", ", Tiers.Select(t => t.Name))}", nameof(name));
    }
}
