using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>
/// One job output of the CCS-QCD solver benchmark (FIBER mini-app, <c>github.com/fiber-miniapp/ccs-qcd</c>,
/// docs/sources.md#app-structure-ccsqcd), e.g. the K-computer runs of 2013 in <c>data/measured/ccsqcd_k_results/</c>:
/// the run's parameters, the BiCGStab solve and the timings rank 0 printed.
/// </summary>
/// <remarks>
/// <para>The output is a sequence of blocks separated by rule lines of <c>=</c> (10 or more, the program writes 80); what
/// precedes the first rule (the job system's lines, such as <c>Env_base:</c> or a restart notice) is skipped:</para>
/// <list type="number">
/// <item><b>Header</b>: <c>label : value</c> lines. Required: <c>Lattice Size</c> (Fortran <c>3I3,I4</c>, so
/// <c>160160160 160</c> is 160⁴; white-space-separated numbers are read too), <c>Node Array Size</c> (<c>3I3</c>),
/// <c>PU Lattice Size</c> (<c>3I3,I4,"*2"</c>: the t extent is printed halved, <c>16*2</c> is 32), <c>Kappa</c>,
/// <c>CSW</c>, <c>Tol</c>; optional: <c>Loop</c>. Other lines (program name, version) are skipped.</item>
/// <item><b>Solve</b>: <c>Iter = n</c> and <c>Res = r</c> are required; the other lines (check sums) are skipped.</item>
/// <item><b>Performance</b>: sections separated by rule lines of <c>-</c>, each a title and <c>label : value</c> lines:
/// <c>Clover + Clover_inv Performance.</c> and <c>BiCGStab(…) Performance.</c> with <c>Flop [MFlop/node]</c>,
/// <c>Elapsed Time [sec]</c> and <c>Performance [MFlop/sec/node]</c> (the BiCGStab section also <c>Full Copy_y Time
/// [sec]</c> and, for each axis decomposed over more than one process and only for those, <c>MPI Commun. Size…[Mbyte]</c>,
/// <c>Time… [sec]</c> and <c>Band… [MB/s]</c>), then <c>BiCGStab Total</c> with <c>Elapsed Time [sec]</c>. Each section
/// once; no other section or line.</item>
/// <item><b>Profiler summary</b>: <c>Clover + Clover_inv</c> and <c>BiCGStab Total</c>, each with <c>Time: t (S)</c>
/// and <c>FLOPS: f (GFLOPS)</c> (required) and <c>Throughput</c> / <c>Effective Throughput</c> lines (skipped). It ends
/// at the next rule or at the end of the file.</item>
/// <item>What follows (the pass/fail estimates) is skipped, but a second header there is refused: one output, one run.</item>
/// </list>
/// <para>Rules: lattice, process grid and per-process extents are whole numbers 1 to <see cref="MaxExtent"/>, at most
/// <see cref="MaxNodes"/> processes, and the per-process lattice times the grid is the lattice (x, y, z; t is not
/// decomposed); <c>Loop</c> ≥ 1; <c>Iter</c> ≥ 1; <c>Tol</c> &gt; 0, <c>Res</c> ≥ 0, <c>Kappa</c> and <c>CSW</c>
/// finite; operation counts, times and rates finite, ≥ 0 and at most <see cref="MaxPrintedValue"/> in the unit printed
/// (a row of asterisks, Fortran's overflowed field, is refused as such). Each label appears once. Values are kept in SI
/// units; counts and rates printed without an exponent are scaled in decimal arithmetic, so GFLOPS × 10⁹ and MFlop × 10⁶
/// are exact. Every failure is a <see cref="PublishedDataException"/> naming the file, the line, the field and the rule
/// (a missing part names the line where its block starts, a file that ends too early its last line).</para>
/// </remarks>
/// <param name="File">The file, as named by the caller.</param>
/// <param name="Class">The problem class from the file name when it has the form <c>qcd-class&lt;n&gt;-…</c> (the
/// FIBER results' naming: classes 1 to 4 are the lattices 8³×32, 32⁴, 64³×32 and 160⁴, run on 1, 64, 512 and 8,000
/// K-computer nodes), otherwise null.</param>
/// <param name="Lattice">The global lattice ("Lattice Size").</param>
/// <param name="NodeArray">The process grid ("Node Array Size").</param>
/// <param name="PuLattice">The lattice of one process ("PU Lattice Size", t already doubled).</param>
/// <param name="Loop">The "Loop" count when the header has it (the K-computer outputs of classes 1-3 print 1; those of
/// class 4, of the same program version, have no such line).</param>
/// <param name="Kappa">The hopping parameter κ ("Kappa").</param>
/// <param name="Csw">The clover coefficient c_SW ("CSW").</param>
/// <param name="Tolerance">The solver's stopping tolerance ("Tol").</param>
/// <param name="Iterations">BiCGStab iterations of the solve ("Iter").</param>
/// <param name="Residual">The relative residual after the solve ("Res").</param>
/// <param name="Clover">The clover term and its inverse ("Clover + Clover_inv Performance.").</param>
/// <param name="BiCGStab">The BiCGStab solve as the solver times itself ("BiCGStab(…) Performance.").</param>
/// <param name="FullCopyYSeconds">Time in the halo copies of the solve ("Full Copy_y Time [sec]").</param>
/// <param name="MpiExchanges">The halo exchange per decomposed axis, in the order X, Y, Z; empty on one process.</param>
/// <param name="BiCGStabTotalSeconds">The solve timed around the call ("BiCGStab Total", "Elapsed Time [sec]").</param>
/// <param name="CloverSummary">The profiler's summary of the clover section.</param>
/// <param name="BiCGStabSummary">The profiler's summary of the BiCGStab solve ("BiCGStab Total Time/FLOPS").</param>
public sealed record CcsQcdJobOutput(
    string File,
    int? Class,
    CcsQcdLattice Lattice,
    CcsQcdNodeArray NodeArray,
    CcsQcdLattice PuLattice,
    int? Loop,
    double Kappa,
    double Csw,
    double Tolerance,
    int Iterations,
    double Residual,
    CcsQcdKernelPerformance Clover,
    CcsQcdKernelPerformance BiCGStab,
    double FullCopyYSeconds,
    ImmutableArray<CcsQcdMpiExchange> MpiExchanges,
    double BiCGStabTotalSeconds,
    CcsQcdProfilerSummary CloverSummary,
    CcsQcdProfilerSummary BiCGStabSummary)
{
    /// <summary>Largest lattice extent or process count along one axis accepted: 10⁶.</summary>
    public const int MaxExtent = 1_000_000;

    /// <summary>Largest number of processes accepted: 10⁷ (the K computer has 82,944 nodes).</summary>
    public const int MaxNodes = 10_000_000;

    /// <summary>Largest operation count, time or rate accepted, in the unit printed (MFlop, s, MB/s, GFLOPS): 10¹² (the
    /// program's <c>F12.4</c> fields hold at most 9,999,999.9999).</summary>
    public const double MaxPrintedValue = 1e12;

    /// <summary>The number of processes (nodes) of the run.</summary>
    public long Nodes => NodeArray.Nodes;

    /// <summary>The halo exchange along <paramref name="axis"/> ('X', 'Y' or 'Z'), or null when that axis is not
    /// decomposed.</summary>
    public CcsQcdMpiExchange? MpiExchange(char axis)
    {
        foreach (var e in MpiExchanges)
            if (e.Axis == axis) return e;
        return null;
    }

    /// <summary>Reads a CCS-QCD job output (format and rules in the remarks of <see cref="CcsQcdJobOutput"/>).</summary>
    /// <param name="path">The file; it passes the input-file checks (a regular file of at most 16 MiB, strict UTF-8).</param>
    /// <exception cref="PublishedDataException">The file is missing or unreadable, or breaks a rule.</exception>
    public static CcsQcdJobOutput Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return CcsQcdJobOutputReader.Parse(PlatformDataText.Lines(path, CcsQcdJobOutputReader.What), path);
    }

    /// <summary>Reads the text of a CCS-QCD job output (format and rules in the remarks of <see cref="CcsQcdJobOutput"/>).</summary>
    /// <param name="text">The output (LF or CRLF line ends).</param>
    /// <param name="file">The name used in errors, in <see cref="File"/> and for <see cref="Class"/>.</param>
    /// <exception cref="PublishedDataException">The text breaks a rule.</exception>
    public static CcsQcdJobOutput Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        return CcsQcdJobOutputReader.Parse(PlatformDataText.SplitLines(text), file);
    }

    /// <summary>Reads every <c>*.txt</c> file of <paramref name="directory"/> (not its subdirectories), in ordinal order
    /// of the file names.</summary>
    /// <exception cref="PublishedDataException">The directory is missing or holds no <c>*.txt</c> file, or a file is
    /// refused by <see cref="Load"/>.</exception>
    public static ImmutableArray<CcsQcdJobOutput> LoadDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            throw new PublishedDataException(directory, null, "directory", System.IO.File.Exists(directory) ? "is a file, not a directory of job outputs" : "directory not found");
        string[] files;
        try
        {
            files = [.. Directory.EnumerateFiles(directory)
                .Where(f => f.EndsWith(".txt", StringComparison.Ordinal))
                .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PublishedDataException(directory, null, "directory", "cannot be listed: " + e.Message);
        }
        if (files.Length == 0)
            throw new PublishedDataException(directory, null, "directory", "holds no *.txt job output");
        return [.. files.Select(Load)];
    }
}
