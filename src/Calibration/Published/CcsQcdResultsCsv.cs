using System.Globalization;
using System.Text;

namespace PerfModel.Calibration.Published;

/// <summary>
/// The CSV of CCS-QCD job outputs that <c>data/measured/ccsqcd_k_computer_results.csv</c> holds (one row per output,
/// columns in <see cref="Header"/>), made from <see cref="CcsQcdJobOutput"/>s. The timings are the profiler summary's
/// (<see cref="CcsQcdJobOutput.BiCGStabSummary"/>, <see cref="CcsQcdJobOutput.CloverSummary"/>), not the solver's own
/// "Elapsed Time" lines.
/// </summary>
/// <remarks>
/// Columns: <c>file</c> (the file name without its directory), <c>class</c> (empty when the name has none),
/// <c>lattice</c> (the four extents as the output prints them, Fortran <c>3I3,I4</c>, trimmed, spaces written as
/// <c>_</c>: <c>32_32_32__32</c>, <c>160160160_160</c>), <c>nodes</c>, <c>bicgstab_iters</c>, <c>bicgstab_time_s</c>,
/// <c>bicgstab_gflops_per_node</c>, <c>ms_per_iter</c> (time ÷ iterations × 1000, in that order),
/// <c>clover_time_s</c>, <c>clover_gflops_per_node</c> and <c>mpi_commX_time_s</c> (the exchange along x to four
/// decimals as printed, empty when x is not decomposed). Other numbers are written as the shortest text that reads back
/// as the same double, with <c>.0</c> added to a whole number. Lines end in LF, the last one too.
/// </remarks>
public static class CcsQcdResultsCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "file,class,lattice,nodes,bicgstab_iters,bicgstab_time_s,bicgstab_gflops_per_node,ms_per_iter,clover_time_s,clover_gflops_per_node,mpi_commX_time_s";

    /// <summary>The header and one row per output, in the order given.</summary>
    public static string Render(IEnumerable<CcsQcdJobOutput> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var output in outputs) text.Append(Row(output)).Append('\n');
        return text.ToString();
    }

    /// <summary>The row of one output (no line end).</summary>
    public static string Row(CcsQcdJobOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var time = output.BiCGStabSummary.Seconds;
        string[] cells =
        [
            Path.GetFileName(output.File),
            output.Class?.ToString(CultureInfo.InvariantCulture) ?? "",
            Lattice(output.Lattice),
            output.Nodes.ToString(CultureInfo.InvariantCulture),
            output.Iterations.ToString(CultureInfo.InvariantCulture),
            Number(time),
            Number(output.BiCGStabSummary.FlopsPerSecondPerNode / 1e9),
            Number(time / output.Iterations * 1000),
            Number(output.CloverSummary.Seconds),
            Number(output.CloverSummary.FlopsPerSecondPerNode / 1e9),
            output.MpiExchange('X')?.Seconds.ToString("F4", CultureInfo.InvariantCulture) ?? "",
        ];
        return string.Join(",", cells);
    }

    private static string Lattice(CcsQcdLattice l) =>
        string.Create(CultureInfo.InvariantCulture, $"{l.X,3}{l.Y,3}{l.Z,3}{l.T,4}").Trim().Replace(' ', '_');

    private static string Number(double v)
    {
        var text = v.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(v) && !text.AsSpan().ContainsAny('.', 'E') ? text + ".0" : text;
    }
}
