using PerfModel.Internal;

namespace PerfModel.Noise;

/// <summary>Resolution and reporting options of <see cref="NoiseClosedForm"/>. Valid when made: every count ≥ its minimum.</summary>
public sealed record ClosedFormOptions
{
    /// <summary>Default resolution: 4,096 dense points, exact lattices up to 2^18 points, 5 one-step runs.</summary>
    public static readonly ClosedFormOptions Default = new();

    /// <summary>Coarser, faster settings for sweeps over many predictions (512 dense points, exact lattices up to 2^15).</summary>
    public static readonly ClosedFormOptions Fast = new() { DenseBins = 512, MaxExactBins = 1 << 15 };

    /// <summary>Lattice points when durations are continuous (or too fine for an exact lattice); ≥ 16.</summary>
    public int DenseBins { get; init => field = Rules.AtLeast(this, value, 16); } = 4096;

    /// <summary>Largest exact lattice (fixed/empirical durations on a common step) before falling back to a dense one; ≥ 16.</summary>
    public int MaxExactBins { get; init => field = Rules.AtLeast(this, value, 16); } = 1 << 18;

    /// <summary>k: runs whose expected min/median/max are reported (P18 shows min/max of 5); ≥ 1.</summary>
    public int Runs { get; init => field = Rules.AtLeast(this, value, 1); } = 5;

    /// <summary>Steps in one run (1: a run is one step; more: the normal approximation of the sum of steps); ≥ 1.</summary>
    public int StepsPerRun { get; init => field = Rules.AtLeast(this, value, 1); } = 1;
}
