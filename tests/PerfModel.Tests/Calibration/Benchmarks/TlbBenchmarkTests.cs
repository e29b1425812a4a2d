using PerfModel.Calibration.Benchmarks;

namespace PerfModel.Tests.Calibration.Benchmarks;

[Collection(MicroBenchmarkCollection.Name)]
public sealed class TlbBenchmarkTests
{
    [Fact]
    public void ChasesOverGrowingWorkingSets()
    {
        if (BenchmarkAssert.RunOrRefuse(new TlbBenchmark()) is not { } r) return;
        Assert.False(r.Skipped);
        var names = new List<string> { "chase-4k" };
        if (!r.Notes.Any(n => n.StartsWith("chase-2m skipped", StringComparison.Ordinal))) names.Add("chase-2m");
        else Assert.DoesNotContain(r.Series, s => s.Name == "chase-2m");
        foreach (var name in names)
        {
            var s = BenchmarkAssert.Positive(r, name);
            Assert.Equal(16 * 1024, s.X[0]);
            Assert.True(s.X.Zip(s.X.Skip(1)).All(p => p.Second == 2 * p.First), $"{name}: working sets double");
            Assert.All(s.Y, y => Assert.InRange(y, 0.1, 100_000)); // ns per dependent load
        }
    }
}
