namespace PerfModel.Tests.Calibration.Benchmarks;

/// <summary>The micro-benchmark tests time the machine: run them one at a time, not alongside other test classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MicroBenchmarkCollection
{
    public const string Name = "micro-benchmarks";
}
