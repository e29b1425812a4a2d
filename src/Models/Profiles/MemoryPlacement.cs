namespace PerfModel.Profiles;

/// <summary>A placement policy, how much of the node's HBM it lets the application use, and how well it places hot data
/// in HBM when the footprint does not fit.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="HbmUsableFraction">u: fraction of the HBM capacity application data can occupy (the rest holds kernel,
/// runtime and MPI buffers).</param>
/// <param name="SpillPenalty">s in [0, 1]: when the footprint spills, the HBM share of the traffic is
/// f_bytes·(1 − s(1 − f_bytes)) instead of f_bytes: 0 means HBM bytes are as hot as the rest; larger values mean the
/// bytes that land in HBM (first come, first placed) are colder than average. 1 when everything fits.</param>
public sealed record MemoryPlacement(PlacementPolicy Policy, double HbmUsableFraction, double SpillPenalty)
{
    internal void Validate(ValidationScope v, string path)
    {
        v.Fraction(path + ".hbmUsableFraction", HbmUsableFraction);
        v.Fraction(path + ".spillPenalty", SpillPenalty);
    }
}
