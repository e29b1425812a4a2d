using System.Diagnostics;
using System.Globalization;
using PerfModel.Profiles;

namespace PerfModel.Cli;

/// <summary>Progress of the knife-edge search (<see cref="Sensitivity.KnifeEdges"/>) as lines on the log: every parameter
/// whose range flips a row, and a count at each quarter of the parameters, with the seconds since the search began.</summary>
internal sealed class KnifeEdgeLog(TextWriter log) : IProgress<KnifeEdgeProgress>
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int lastQuarter;

    /// <inheritdoc />
    public void Report(KnifeEdgeProgress value)
    {
        var seconds = clock.Elapsed.TotalSeconds;
        if (value.Edges > 0)
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {value.Parameter}: its range flips {value.Edges} row(s) ({value.Searched}/{value.Total}, {seconds:F0} s)"));
        var quarter = 4 * value.Searched / Math.Max(1, value.Total);
        if (quarter > lastQuarter)
        {
            lastQuarter = quarter;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value.Searched}/{value.Total} parameters searched ({seconds:F0} s)"));
        }
    }
}
