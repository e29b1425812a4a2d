using System.Collections.Immutable;

namespace PerfModel.Calibration.Benchmarks;

/// <summary>The micro-benchmarks of the calibration, in priority order.</summary>
public static class MicroBenchmarks
{
    private static readonly ImmutableArray<IMicroBenchmark> all =
    [
        new SyscallBenchmark(),
        new PageFaultBenchmark(),
        new BandwidthBenchmark(),
        new FwqBenchmark(),
        new BrkBenchmark(),
        new TlbBenchmark(),
    ];

    /// <summary>Every benchmark (the instances are stateless).</summary>
    public static IReadOnlyList<IMicroBenchmark> All => all;

    /// <summary>The benchmark called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No benchmark has that name; the message lists the valid names.</exception>
    public static IMicroBenchmark Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var b in all)
            if (string.Equals(b.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) return b;
        throw new ArgumentException($"unknown benchmark '{name}'; valid names: {string.Join(", ", all.Select(b => b.Name))}", nameof(name));
    }
}
