using System.Collections.Immutable;

namespace PerfModel.Calibration.Measurements;

/// <summary>What one micro-benchmark measured on one host: raw series (never summarised here), notes, or why it was skipped.</summary>
/// <param name="Benchmark">"fwq", "faults", "brk", "tlb", "bandwidth" or "syscall".</param>
/// <param name="Host">Host name the measurement ran on.</param>
/// <param name="Series">Raw measurements.</param>
/// <param name="Notes">Facts about the run (page sizes available, THP mode, cores used, …).</param>
/// <param name="SkipReason">Null when it ran; otherwise why it could not (no THP, cannot pin, …).</param>
public sealed record BenchmarkResult(string Benchmark, string Host, ImmutableArray<Series> Series, ImmutableArray<string> Notes, string? SkipReason)
{
    /// <summary>Whether the benchmark could not run (<see cref="SkipReason"/> says why).</summary>
    public bool Skipped => SkipReason is not null;

    /// <summary>The series called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is none; the message lists the series there are.</exception>
    public Series this[string name] => Series.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"benchmark '{Benchmark}' has no series '{name}'; it has: {string.Join(", ", Series.Select(s => s.Name))}");
}
