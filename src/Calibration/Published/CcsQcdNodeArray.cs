namespace PerfModel.Calibration.Published;

/// <summary>The process grid of a CCS-QCD run ("Node Array Size"): processes along x, y and z; t is not decomposed
/// (docs/sources.md#app-structure-ccsqcd). On the K computer each process had a node of its own.</summary>
/// <param name="X">Processes along x (≥ 1).</param>
/// <param name="Y">Processes along y (≥ 1).</param>
/// <param name="Z">Processes along z (≥ 1).</param>
public sealed record CcsQcdNodeArray(int X, int Y, int Z)
{
    /// <summary>The number of processes (nodes): <see cref="X"/> × <see cref="Y"/> × <see cref="Z"/>.</summary>
    public long Nodes => (long)X * Y * Z;

    /// <summary>The processes along <paramref name="axis"/> ('X', 'Y' or 'Z').</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is none of 'X', 'Y', 'Z'.</exception>
    public int Along(char axis) => axis switch
    {
        'X' => X,
        'Y' => Y,
        'Z' => Z,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "the axis is 'X', 'Y' or 'Z'"),
    };
}
