using PerfModel.Memory;
using PerfModel.Profiles;
using PerfModel.Reports;

namespace PerfModel.Tests.Reports;

/// <summary>The five lines of the README's "The library" section, as a notebook runs them: they keep compiling and mean
/// what the README says (the next issue's notebooks are built on them).</summary>
public sealed class QuickStartTests
{
    [Fact]
    public void The_readme_quick_start_runs_and_shows_the_heap_effect()
    {
        var study = Defaults.Study();
        var mos = study.Os["mos"] with { Name = "mos-linux-heap", DisplayName = "mOS, Linux heap", Brk = study.Os["linux"].Brk };
        var sweep = study.With(mos).Sweep(apps: ["lulesh2"], nodes: Nodes.Cubes(1, 1728));
        var df = sweep.ToDataFrame();
        var chart = Charts.Relative(df);

        Assert.Equal(4 * 12, df.Rows.Count);  // linux, mckernel, mos, mos-linux-heap at the 12 cubes 1 … 1,728
        Assert.Contains("mOS, Linux heap", Plotly.NET.GenericChart.toFigureJson(chart));
        // mOS with Linux's heap policy pays Linux's brk/fault cost, so it is slower than mOS at every node count.
        foreach (var nodes in Nodes.Cubes(1, 1728))
        {
            var withLinuxHeap = sweep.Rows("lulesh2", "mos-linux-heap").Single(r => r.Prediction.Nodes == nodes);
            var regular = sweep.Rows("lulesh2", "mos").Single(r => r.Prediction.Nodes == nodes);
            Assert.True(withLinuxHeap.RelativeToBaseline < regular.RelativeToBaseline);
            Assert.True(withLinuxHeap.Prediction.Term<HeapTerm>().FaultsPerIteration > regular.Prediction.Term<HeapTerm>().FaultsPerIteration);
        }
    }
}
