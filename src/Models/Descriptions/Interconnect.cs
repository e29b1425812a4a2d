using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>LogGP parameters of the network between nodes and of shared-memory transport inside a node. Point-to-point
/// time T(m) = L + 2o + (m − 1)G (Alexandrov et al., "LogGP", SPAA 1995, doi:10.1145/215399.215427). Valid when made:
/// every time ≥ 0, the two per-byte gaps &gt; 0, the run-to-run σ in [0, <see cref="MaxRunToRunLogSd"/>].</summary>
public sealed record Interconnect
{
    /// <summary>L: wire and switch latency between two nodes.</summary>
    public required TimeInterval Latency { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>o: CPU overhead per message at each end.</summary>
    public required TimeInterval Overhead { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>G: time per byte for long messages between nodes (1 / bandwidth), i.e. seconds per byte.</summary>
    public required TimeInterval GapPerByte { get; init => field = Rules.Positive(this, value); }

    /// <summary>Latency of a shared-memory message between ranks of one node.</summary>
    public required TimeInterval IntraNodeLatency { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Time per byte of a shared-memory copy (seconds per byte).</summary>
    public required TimeInterval IntraNodeGapPerByte { get; init => field = Rules.Positive(this, value); }

    /// <summary>γ: time per byte to combine two operands in a reduction (seconds per byte).</summary>
    public required TimeInterval ReducePerByte { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Largest <see cref="RunToRunLogSd"/> accepted: 2 (a factor e^±2 = 7.4x at one σ; the fitted default is about
    /// 0.2). It keeps e^(σz) finite over the quadrature of <see cref="Noise.RunSpread.WithCommunicationFactor"/>.</summary>
    public const double MaxRunToRunLogSd = 2;

    /// <summary>σ_run: standard deviation of the natural log of the factor one run keeps on all its communication time
    /// (collectives and halo exchanges): each run draws X = e^(σ_run·Z), Z standard normal, independent between runs, median
    /// 1 (the LogGP terms are fitted to medians). 0 (the default): every run communicates alike. Dimensionless.</summary>
    [Units.Dimensionless("standard deviation of a natural logarithm")]
    public double RunToRunLogSd
    {
        get;
        init => field = value is >= 0 and <= MaxRunToRunLogSd
            ? value
            : throw Rules.Broken(this, nameof(RunToRunLogSd), value, $"must be in [0, {MaxRunToRunLogSd}]");
    }
}
