namespace PerfModel.Communication;

/// <summary>
/// Which share of a rank's neighbour messages leave the node, for a 3-D domain decomposition with the ranks of a node
/// forming a compact r_x × r_y × r_z block and nodes forming an n_x × n_y × n_z grid (periodic).
/// Along a dimension d a line of r_d ranks has 2 r_d faces of which 2 cross the node boundary, so the off-node share is
/// 1/r_d when n_d &gt; 1 and 0 when the whole dimension lies inside one node; the result averages the three dimensions.
/// Edge and corner neighbours are counted with the face share (an approximation that errs low).
/// One node: 0. 64 ranks (4×4×4) on ≥ 8 nodes: 0.25.
/// </summary>
public static class HaloTopology
{
    /// <summary>Share of a rank's neighbour messages that leave the node (see the class remarks).</summary>
    public static double OffNodeFraction(int nodes, int ranksPerNode)
    {
        var ng = Grid3.Balanced(nodes);
        var rg = Grid3.Balanced(ranksPerNode);
        var sum = 0.0;
        for (var d = 0; d < 3; d++)
            if (ng[d] > 1) sum += 1.0 / rg[d];
        return sum / 3.0;
    }
}
