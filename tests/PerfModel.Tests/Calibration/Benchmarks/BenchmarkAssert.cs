using PerfModel.Calibration.Benchmarks;
using PerfModel.Calibration.Measurements;

namespace PerfModel.Tests.Calibration.Benchmarks;

/// <summary>Shared checks of the micro-benchmark tests.</summary>
internal static class BenchmarkAssert
{
    public static readonly BenchmarkOptions Tiny = new(Quick: true, Scale: 0.01);

    /// <summary>Runs the benchmark, or on a non-Linux host checks that it refuses and returns null.</summary>
    public static BenchmarkResult? RunOrRefuse(IMicroBenchmark benchmark, BenchmarkOptions? options = null)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Throws<PlatformNotSupportedException>(() => benchmark.Run(options ?? Tiny));
            return null;
        }
        var reports = new List<double>();
        var result = benchmark.Run(options ?? Tiny, new SyncProgress(reports));
        Assert.Equal(benchmark.Name, result.Benchmark);
        Assert.False(string.IsNullOrWhiteSpace(result.Host));
        Assert.All(reports, p => Assert.InRange(p, 0, 1));
        return result;
    }

    /// <summary>The series exists, has points, and every x and y is finite (y &gt; 0).</summary>
    public static Series Positive(BenchmarkResult result, string name)
    {
        var s = result[name];
        Assert.True(s.Count > 0, $"series {name} is empty");
        Assert.Equal(s.X.Length, s.Y.Length);
        Assert.All(s.X, v => Assert.True(double.IsFinite(v), $"{name}: x {v} is not finite"));
        Assert.All(s.Y, v => Assert.True(double.IsFinite(v) && v > 0, $"{name}: y {v} is not finite and > 0"));
        return s;
    }

    public static double Median(IEnumerable<double> values)
    {
        var a = values.OrderBy(v => v).ToArray();
        Assert.NotEmpty(a);
        return a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }

    /// <summary>Median y of the points whose x equals <paramref name="x"/>.</summary>
    public static double MedianAt(Series s, double x) => Median(s.X.Zip(s.Y).Where(p => p.First == x).Select(p => p.Second));

    /// <summary>IProgress that records on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(List<double> reports) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
