namespace PerfModel.Noise;

/// <summary>How a continuous duration is put on a lattice of step h: down (a lower bound on every sum and maximum built
/// from it) or up (an upper bound). The two together bracket the exact value; the bracket is the discretisation error.</summary>
public enum LatticeRounding
{
    /// <summary>Round durations down (lower bounds).</summary>
    Floor,

    /// <summary>Round durations up (upper bounds).</summary>
    Ceil,
}
