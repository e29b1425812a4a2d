namespace PerfModel.Noise;

/// <summary>Resolution and reporting options of <see cref="NoiseClosedForm"/>.</summary>
/// <param name="DenseBins">Lattice points when durations are continuous (or too fine for an exact lattice).</param>
/// <param name="MaxExactBins">Largest exact lattice (fixed/empirical durations on a common step) before falling back to a dense one.</param>
/// <param name="Runs">k: runs whose expected min/median/max are reported (P18 shows min/max of 5).</param>
/// <param name="StepsPerRun">Steps in one run (1: a run is one step; more: the normal approximation of the sum of steps).</param>
public sealed record ClosedFormOptions(int DenseBins = 4096, int MaxExactBins = 1 << 18, int Runs = 5, int StepsPerRun = 1)
{
    public static readonly ClosedFormOptions Default = new();

    /// <summary>Coarser, faster settings for sweeps over many predictions.</summary>
    public static readonly ClosedFormOptions Fast = new(DenseBins: 512, MaxExactBins: 1 << 15);
}
