using PerfModel.Internal;

namespace PerfModel.Descriptions;

/// <summary>How the application reports performance: FOM = Scale × (work units per rank × ranks doing them) × iterations /
/// runtime. For strong scaling the work is that of the one-node run, whatever the node count. Valid when made: name and
/// unit not empty, work and scale &gt; 0.</summary>
public sealed record FigureOfMerit
{
    /// <summary>What is counted, e.g. "zones/s".</summary>
    public required string Name { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>Unit as the benchmark prints it.</summary>
    public required string Unit { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>Work units one rank does per iteration at one node.</summary>
    [Dimensionless("work units (of the figure of merit) per rank and iteration")]
    public required double WorkPerRankPerIteration { get; init => field = Rules.Positive(this, value); }

    /// <summary>Constant factor of the benchmark's own formula (Lulesh prints 1000 / grind time in µs, i.e. zones per ms).</summary>
    [Dimensionless("factor of the benchmark's formula")]
    public required double Scale { get; init => field = Rules.Positive(this, value); }

    /// <summary>False for figures of merit that are times.</summary>
    public required bool HigherIsBetter { get; init; }
}
