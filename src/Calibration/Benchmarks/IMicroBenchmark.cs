using PerfModel.Calibration.Measurements;

namespace PerfModel.Calibration.Benchmarks;

/// <summary>A micro-benchmark that really measures the Linux machine it runs on and returns raw series.</summary>
public interface IMicroBenchmark
{
    /// <summary>Short name: "syscall", "faults", "bandwidth", "fwq", "brk" or "tlb".</summary>
    string Name { get; }

    /// <summary>Rough wall-clock time a run with these options takes (for progress displays; not a promise).</summary>
    TimeSpan Estimate(BenchmarkOptions o);

    /// <summary>Runs the benchmark. Missing features skip a series with a note; off Linux this throws.</summary>
    /// <exception cref="PlatformNotSupportedException">Not running on Linux.</exception>
    BenchmarkResult Run(BenchmarkOptions o, IProgress<double>? progress = null);
}
