namespace PerfModel.Profiles;

/// <summary>A placement policy and how much of the node's HBM it lets the application use.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="HbmUsableFraction">Fraction of the HBM capacity that application data can occupy under this policy
/// (the rest is kernel, runtime, per-rank reservations or fragmentation).</param>
public sealed record MemoryPlacement(PlacementPolicy Policy, double HbmUsableFraction)
{
    internal void Validate(ValidationScope v, string path) => v.Fraction(path + ".hbmUsableFraction", HbmUsableFraction);
}
