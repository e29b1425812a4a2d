using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>What one rank's heap does per iteration (P18 Sec. IV gives Lulesh's: 7,526 queries, 3,028 growths, 1,499
/// shrinks, 22 GB cumulative growth and an 87 MB peak over 932 cycles at -s 30). Valid when made: every count and size
/// ≥ 0, touched fraction in [0, 1], and growths &gt; 0 whenever bytes are grown.</summary>
public sealed record HeapBehaviour
{
    private double? growths;
    private ByteSize? grown;

    /// <summary>A heap that never changes size (no brk activity).</summary>
    public static readonly HeapBehaviour Static = new()
    {
        QueriesPerIteration = 0, GrowthsPerIteration = 0, ShrinksPerIteration = 0,
        GrownPerIteration = ByteSize.Zero, PeakHeap = ByteSize.Zero, TouchedFraction = 0,
    };

    /// <summary>sbrk(0) calls per iteration.</summary>
    [Dimensionless("calls per iteration")]
    public required double QueriesPerIteration { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>brk() expansions per iteration.</summary>
    [Dimensionless("calls per iteration")]
    public required double GrowthsPerIteration
    {
        get => growths ?? 0;
        init { growths = Rules.NonNegative(this, value); CheckGrowth(); }
    }

    /// <summary>brk() contractions per iteration.</summary>
    [Dimensionless("calls per iteration")]
    public required double ShrinksPerIteration { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Bytes requested by the expansions per iteration (cumulative growth / iterations).</summary>
    public required ByteSize GrownPerIteration
    {
        get => grown ?? default;
        init { grown = Rules.NonNegative(this, value); CheckGrowth(); }
    }

    /// <summary>Largest heap size.</summary>
    public required ByteSize PeakHeap { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>θ: fraction of grown bytes the application writes before they are trimmed again.</summary>
    [Dimensionless("fraction of grown bytes, in [0, 1]")]
    public required double TouchedFraction { get; init => field = Rules.Fraction(this, value); }

    /// <summary>Mean size of one expansion: grown bytes / growths (0 without growths).</summary>
    public ByteSize MeanGrowth => GrowthsPerIteration > 0 ? ByteSize.FromBytes(GrownPerIteration.Bytes / GrowthsPerIteration) : ByteSize.Zero;

    private void CheckGrowth()
    {
        if (growths is { } g && grown is { } b && b.Bytes > 0 && g == 0)
            throw Rules.Broken(this, nameof(GrowthsPerIteration), g, $"must be > 0 when {nameof(GrownPerIteration)} > 0");
    }
}
