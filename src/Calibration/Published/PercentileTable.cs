using System.Collections.Immutable;
using System.Globalization;

namespace PerfModel.Calibration.Published;

/// <summary>
/// A table of per-core interruption statistics in osjitter's terms (data/measured/osjitter_figures.csv;
/// docs/sources.md#os-noise-osjitter): one row per configuration and CPU with the columns
/// <c>config,cpu,isolated,interruptions,run_s,sum_ns,p20_ns,median_ns,p80_ns,p90_ns,p99_ns,p99_9_ns,max_ns</c> (any order;
/// <c>isolated</c> is <c>yes</c> or <c>no</c>; durations in ns, converted to seconds). '#' lines are comments. Rows obey
/// <see cref="PercentileRow"/>'s rules and (config, cpu) is unique. Every problem is a <see cref="PublishedDataException"/>
/// naming the file, line and column.
/// </summary>
public sealed record PercentileTable
{
    /// <summary>The columns, in the order the table in data/measured writes them.</summary>
    public static readonly ImmutableArray<string> Columns =
        ["config", "cpu", "isolated", "interruptions", "run_s", "sum_ns", "p20_ns", "median_ns", "p80_ns", "p90_ns", "p99_ns", "p99_9_ns", "max_ns"];

    private PercentileTable(string file, ImmutableArray<PercentileRow> rows)
    {
        File = file;
        Rows = rows;
    }

    /// <summary>The file as given to <see cref="Load"/> or <see cref="Parse"/>.</summary>
    public string File { get; }

    /// <summary>The rows in file order.</summary>
    public ImmutableArray<PercentileRow> Rows { get; }

    /// <summary>Reads the table at <paramref name="path"/> (a regular UTF-8 file of at most 1 MiB) and <see cref="Parse"/>s it.</summary>
    /// <exception cref="PublishedDataException">The file is missing, unreadable or breaks a rule.</exception>
    public static PercentileTable Load(string path) => Parse(PublishedNoiseCsv.ReadText(path), path);

    /// <summary>The table in <paramref name="text"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="PublishedDataException">A missing or unknown column, a cell that is not a number (or a whole number
    /// where one is needed), a negative value, quantiles that decrease, a repeated (config, cpu), no rows.</exception>
    public static PercentileTable Parse(string text, string file)
    {
        var csv = PublishedNoiseCsv.Parse(text, file, Columns);
        var rows = ImmutableArray.CreateBuilder<PercentileRow>(csv.Rows.Length);
        var seen = new Dictionary<(string, int), int>();
        foreach (var r in csv.Rows)
        {
            var config = csv.Text(r, "config");
            var cpu = csv.Whole(r, "cpu");
            var isolated = csv.Cell(r, "isolated") switch
            {
                "yes" => true,
                "no" => false,
                var other => throw csv.Error(r, "isolated", $"'{other}' is neither yes nor no"),
            };
            var interruptions = csv.Whole(r, "interruptions");
            var run = csv.Number(r, "run_s");
            var ns = Columns.Skip(5).Select(c => csv.NonNegative(r, c) / 1e9).ToArray();
            if (PercentileRow.Problem(config, cpu, interruptions, run, ns[0], ns[1..]) is { } problem) throw csv.Error(r, problem.Field, problem.Rule);
            var row = new PercentileRow(config, cpu, isolated, interruptions, run, ns[0], ns[1], ns[2], ns[3], ns[4], ns[5], ns[6], ns[7]) { Line = r.Line };
            if (!seen.TryAdd((config, cpu), r.Line))
                throw csv.Error(r, "cpu", string.Create(CultureInfo.InvariantCulture, $"config {config} cpu {cpu} is already on line {seen[(config, cpu)]}"));
            rows.Add(row);
        }
        return new PercentileTable(file, rows.MoveToImmutable());
    }

    /// <summary>The rows of configuration <paramref name="config"/> whose CPUs are (or are not) isolated, in file order.</summary>
    public ImmutableArray<PercentileRow> Select(string config, bool isolated) =>
        [.. Rows.Where(r => r.Config == config && r.Isolated == isolated)];

    /// <summary>The configurations, in order of first appearance.</summary>
    public ImmutableArray<string> Configs => [.. Rows.Select(r => r.Config).Distinct()];
}
