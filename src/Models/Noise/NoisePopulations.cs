using PerfModel.Descriptions;

namespace PerfModel.Noise;

/// <summary>
/// The noise populations of one evaluation: the profile's own sources on a share 1 − Σ s_c of the nodes and each node
/// class c (<see cref="NoiseProfile.NodeClasses"/>) on a share s_c, every node (R consecutive ranks,
/// <see cref="StepShape.RanksPerNode"/>) drawing its class independently. The maximum over P ranks of per-rank laws F_c
/// is exact for a barrier: a node's ranks share the class, so a node's law is Σ_c s_c F_c^R and the P/R nodes are
/// independent: F_max = (Σ_c s_c F_c^R)^(P/R). Co-scheduled populations have one timeline for all their ranks; they are
/// taken as one copy per node (exact without node classes, where every rank is the same copy). Classes of single cores
/// (<see cref="NoiseClassScope.Core"/>) are drawn per rank, R = 1: F_max = (Σ_c s_c F_c)^P.
/// </summary>
internal sealed class NoisePopulations
{
    public NoisePopulations(NoiseGrid grid, NoiseProfile noise, double ranks, int ranksPerNode, double timelineAgeSeconds = double.PositiveInfinity)
    {
        Grid = grid;
        AgeEdges = GridPlan.AgeEdges(grid);
        var profiles = new List<NoiseProfile>();
        var shares = new List<double>();
        if (noise.BaseShare > 1e-12)
        {
            profiles.Add(noise);
            shares.Add(noise.BaseShare);
        }
        foreach (var c in noise.NodeClasses)
        {
            profiles.Add(c.Noise);
            shares.Add(c.Share);
        }
        var total = shares.Sum();
        Noise = [.. profiles.Select(p => new WindowNoise(grid, p, AgeEdges, timelineAgeSeconds))];
        Shares = [.. shares.Select(s => s / total)];
        Ranks = ranks;
        RanksPerNode = noise.NodeClasses.IsDefaultOrEmpty || noise.ClassScope == NoiseClassScope.Core ? 1 : Math.Min(ranksPerNode, Math.Max(1, ranks));
    }

    public NoiseGrid Grid { get; }

    public double[] AgeEdges { get; }

    /// <summary>One window model per population.</summary>
    public WindowNoise[] Noise { get; }

    /// <summary>Each population's share of the nodes (summing to 1).</summary>
    public double[] Shares { get; }

    /// <summary>P.</summary>
    public double Ranks { get; }

    /// <summary>R, ranks per node (1 without node classes, or with classes of single cores: then nodes do not matter).</summary>
    public double RanksPerNode { get; }

    /// <summary>Populations.</summary>
    public int Count => Noise.Length;

    /// <summary>Whether the only population is co-scheduled: every rank has the same timeline.</summary>
    public bool CoScheduled => Noise.Length == 1 && Noise[0].CoScheduled;

    /// <summary>The law of the maximum over <paramref name="ranks"/> ranks (see the class remarks).</summary>
    public GridMeasure MaxLaw(GridMeasure[] laws, double ranks)
    {
        if (laws.Length == 1) return Noise[0].CoScheduled ? laws[0] : laws[0].Power(ranks);
        var perNode = Math.Min(RanksPerNode, ranks);
        var node = GridMeasure.MixCdf(Shares, [.. laws.Select((l, c) => Noise[c].CoScheduled ? l : l.Power(perNode))]);
        return node.Power(ranks / perNode);
    }

    /// <summary>The law of one rank drawn at random: Σ_c s_c F_c.</summary>
    public GridMeasure Mixture(GridMeasure[] laws) => laws.Length == 1 ? laws[0] : GridMeasure.Mix(Shares, laws);
}
