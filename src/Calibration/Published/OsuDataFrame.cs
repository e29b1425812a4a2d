using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>
/// An OSU micro-benchmark data frame of the converged-computing performance study (github.com/converged-computing/
/// performance-study, <c>paper/osu-benchmarks/data/osu_{latency,allreduce}-&lt;nodes&gt;-cpu-dataframe.csv</c>, MIT;
/// OSU Micro-Benchmarks: D. K. Panda et al., Ohio State University, mvapich.cse.ohio-state.edu;
/// docs/sources.md#omni-path).
/// </summary>
/// <remarks>
/// <para>Format: a pandas CSV, header <c>,size,latency_us,experiment,cloud,env,env_type,nodes,gpu_count</c> (the first,
/// unnamed column is pandas' row index and is not used; <c>osu_allreduce</c> frames name the latency
/// <c>avg_latency_us</c>). Columns are found by name, in any order; all nine must be present, once. Rows keep the file's
/// order: a run of <c>osu_latency</c> between one node pair is a block of consecutive rows of one <c>env</c> with
/// increasing sizes (0 B to 4 MiB in the study).</para>
/// <para>Rules: <c>size</c> a whole number of bytes 0 to 2⁴⁰ (written <c>8.0</c> by pandas); the latency a finite number
/// &gt; 0 and at most 10⁹ µs; <c>nodes</c> a whole number ≥ 1, <c>gpu_count</c> ≥ 0; the text columns non-empty and
/// unquoted; every row as many cells as the header; at least one row. Every failure is a
/// <see cref="PublishedDataException"/> naming the file, the line, the column and the rule.</para>
/// </remarks>
/// <param name="File">The file read, as named by the caller.</param>
/// <param name="LatencyColumn">The latency column's name: <c>latency_us</c> or <c>avg_latency_us</c>.</param>
/// <param name="Rows">The rows, in file order.</param>
public sealed record OsuDataFrame(string File, string LatencyColumn, ImmutableArray<OsuRow> Rows)
{
    /// <summary>Largest message size accepted: 2⁴⁰ bytes (the study goes to 4 MiB).</summary>
    public const long MaxSizeBytes = 1L << 40;

    /// <summary>Largest latency accepted, in µs: 10⁹ µs (1,000 s); it keeps the fits' sums of squares finite.</summary>
    public const double MaxLatencyMicroseconds = 1e9;

    /// <summary>Reads an OSU data frame (format and rules in the remarks of <see cref="OsuDataFrame"/>).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="PublishedDataException">The file is missing or unreadable, or breaks a rule.</exception>
    public static OsuDataFrame Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return OsuDataFrameReader.Read(path);
    }
}
