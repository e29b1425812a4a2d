using System.Collections;
using System.Collections.Immutable;

namespace PerfModel;

/// <summary>Predictions of applications × OSes × node counts, each with its ratio to the baseline OS; rows come in the
/// order of the inputs (application, then OS, then nodes). Turn it into a table with <c>ToDataFrame()</c> and a chart
/// with <c>Charts.Relative</c> (PerfModel.Reports).</summary>
public sealed class Sweep : IReadOnlyList<SweepRow>
{
    private readonly ImmutableArray<SweepRow> rows;

    /// <summary>A sweep of the given rows against the OS named <paramref name="baseline"/>.</summary>
    public Sweep(IEnumerable<SweepRow> rows, string baseline)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseline);
        this.rows = [.. rows];
        Baseline = baseline;
    }

    /// <summary>Name of the baseline OS.</summary>
    public string Baseline { get; }

    /// <inheritdoc />
    public int Count => rows.Length;

    /// <inheritdoc />
    public SweepRow this[int index] => rows[index];

    /// <summary>Rows of one application and OS, ordered by nodes.</summary>
    public IReadOnlyList<SweepRow> Rows(string app, string os) =>
        rows.Where(r => r.Prediction.App == app && r.Prediction.Os == os).OrderBy(r => r.Prediction.Nodes).ToArray();

    /// <inheritdoc />
    public IEnumerator<SweepRow> GetEnumerator() => ((IEnumerable<SweepRow>)rows).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
