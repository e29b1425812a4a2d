using System.Collections.Immutable;
using System.Globalization;

namespace PerfModel.Calibration.Published;

/// <summary>
/// LLNL's published FWQ summary statistics (data/measured/llnl_system_noise_fwq_summary.csv,
/// docs/sources.md#os-noise-llnl-fwq): one row per run and worker with the columns
/// <c>run,worker,cpu,count,mean_us,std_us,min_us,p25_us,p50_us,p75_us,max_us</c> (any order; <c>cpu</c> may be empty;
/// values in µs, converted to seconds). '#' lines are comments. Rows obey <see cref="FwqSummaryRow"/>'s rules and run names
/// are unique. Every problem is a <see cref="PublishedDataException"/> naming the file, line and column.
/// </summary>
public sealed record FwqSummary
{
    /// <summary>The columns, in the order the table in data/measured writes them.</summary>
    public static readonly ImmutableArray<string> Columns =
        ["run", "worker", "cpu", "count", "mean_us", "std_us", "min_us", "p25_us", "p50_us", "p75_us", "max_us"];

    private FwqSummary(string file, ImmutableArray<FwqSummaryRow> rows)
    {
        File = file;
        Rows = rows;
    }

    /// <summary>The file as given to <see cref="Load"/> or <see cref="Parse"/>.</summary>
    public string File { get; }

    /// <summary>The rows in file order.</summary>
    public ImmutableArray<FwqSummaryRow> Rows { get; }

    /// <summary>Reads the table at <paramref name="path"/> (a regular UTF-8 file of at most 1 MiB) and <see cref="Parse"/>s it.</summary>
    /// <exception cref="PublishedDataException">The file is missing, unreadable or breaks a rule.</exception>
    public static FwqSummary Load(string path) => Parse(PublishedNoiseCsv.ReadText(path), path);

    /// <summary>The table in <paramref name="text"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="PublishedDataException">A missing or unknown column, a cell that is not a number (or a whole number
    /// where one is needed), a negative value, statistics out of order, a repeated run name, no rows.</exception>
    public static FwqSummary Parse(string text, string file)
    {
        var csv = PublishedNoiseCsv.Parse(text, file, Columns);
        var rows = ImmutableArray.CreateBuilder<FwqSummaryRow>(csv.Rows.Length);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in csv.Rows)
        {
            var run = csv.Text(r, "run");
            var worker = csv.Whole(r, "worker");
            int? cpu = csv.Cell(r, "cpu").Length == 0 ? null : csv.Whole(r, "cpu");
            var count = csv.Whole(r, "count");
            var us = Columns.Skip(4).Select(c => csv.NonNegative(r, c) / 1e6).ToArray();
            if (FwqSummaryRow.Problem(run, worker, cpu, count, us) is { } problem) throw csv.Error(r, problem.Field, problem.Rule);
            if (!seen.TryAdd(run, r.Line))
                throw csv.Error(r, "run", string.Create(CultureInfo.InvariantCulture, $"run {run} is already on line {seen[run]}"));
            rows.Add(new FwqSummaryRow(run, worker, cpu, count, us[0], us[1], us[2], us[3], us[4], us[5], us[6]) { Line = r.Line });
        }
        return new FwqSummary(file, rows.MoveToImmutable());
    }

    /// <summary>The row of run <paramref name="run"/>, or null.</summary>
    public FwqSummaryRow? Row(string run) => Rows.FirstOrDefault(r => r.Run == run);
}
