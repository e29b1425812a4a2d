using PerfModel.Descriptions;

namespace PerfModel.Noise.WallClock;

/// <summary>
/// What every rank's noise timeline is made of, shared by all workers (immutable after construction). Population 0 is the
/// profile's own sources; population c + 1 is node class c (<see cref="NoiseProfile.NodeClasses"/>): each node, i.e. each
/// block of <see cref="StepShape.RanksPerNode"/> consecutive ranks, joins class c with probability Share_c, independently
/// per trial (one uniform per node from the trial key), and its ranks then have that class's sources. A population whose
/// profile is co-scheduled gives all its ranks the same streams, hence the same timeline. Classes of single cores
/// (<see cref="NoiseClassScope.Core"/>) are drawn the same way per rank (a block of one). Sources with rate 0 or mean
/// duration 0 add nothing and are dropped.
/// </summary>
internal sealed class TimelineModel
{
    /// <summary>The model of a noise-free machine (no sources anywhere).</summary>
    public static readonly TimelineModel Silent = new();

    private readonly double[] classCumulative; // P(node in class ≤ c)

    public TimelineModel(NoiseProfile noise, int ranksPerNode)
    {
        var profiles = new[] { noise }.Concat(noise.NodeClasses.Select(c => c.Noise)).ToArray();
        Populations = [.. profiles.Select(p => new Population([.. p.Sources.Where(s => s.Rate.PerSecond > 0 && s.Duration.MeanSeconds > 0).Select(s => new SourceTimeline(s))], p.CoScheduled))];
        Stride = Populations.Max(p => p.Sources.Length);
        DetourRate = Populations.Max(p => p.Sources.Sum(s => s.Rate));
        MaxFraction = profiles.Max(p => p.Fraction);
        RanksPerNode = noise.ClassScope == NoiseClassScope.Core ? 1 : ranksPerNode;
        classCumulative = new double[noise.NodeClasses.Length];
        var acc = 0.0;
        for (var c = 0; c < classCumulative.Length; c++) classCumulative[c] = acc += noise.NodeClasses[c].Share;
    }

    private TimelineModel()
    {
        Populations = [new Population([], false)];
        RanksPerNode = 1;
        classCumulative = [];
    }

    /// <summary>The populations: 0 = the profile's sources, c + 1 = node class c.</summary>
    public Population[] Populations { get; }

    /// <summary>The largest total detour rate of a population (per second): an upper bound on a rank's detours per second.</summary>
    public double DetourRate { get; }

    /// <summary>The largest fraction of a core any population's noise takes (&lt; 1).</summary>
    public double MaxFraction { get; }

    /// <summary>Slots per rank: the most sources any population has.</summary>
    public int Stride { get; }

    /// <summary>Consecutive ranks that draw one class: ranks per node, or 1 for classes of single cores.</summary>
    public int RanksPerNode { get; }

    /// <summary>Whether ranks differ in population (the profile has node classes).</summary>
    public bool HasClasses => classCumulative.Length > 0;

    /// <summary>The population of <paramref name="node"/> in the trial of <paramref name="trialKey"/>.</summary>
    public byte PopulationOf(ulong trialKey, long node)
    {
        var stream = StreamRandom.Key(trialKey, (ulong)node, ulong.MaxValue);
        var u = StreamRandom.NextDouble(ref stream);
        for (var c = 0; c < classCumulative.Length; c++)
            if (u < classCumulative[c]) return (byte)(c + 1);
        return 0;
    }

    /// <summary>One population: its sources and whether its ranks share one timeline.</summary>
    internal sealed record Population(SourceTimeline[] Sources, bool CoScheduled);
}
