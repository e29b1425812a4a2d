using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Profiles;
using PerfModel.Validation;

namespace PerfModel.Tests.Models.Memory;

/// <summary>The page-colouring closed form (<see cref="PageColouring"/>) against a Monte Carlo of random page placement
/// and against a set-associative LRU cache simulated line by line; the closed form's analytic limits; and the effect in a
/// prediction, which disappears with the effect switched off.</summary>
public sealed class PageColouringTests
{
    private const int KnlColours = 16;   // 1 MiB / (16 ways x 4 KiB)
    private const int KnlWays = 16;

    [Fact]
    public void KnlL2HasSixteenColoursForBasePagesAndOneForHugePages()
    {
        var l2 = ByteSize.FromBytes(1 << 20);
        Assert.Equal(16, PageColouring.Colours(l2, 16, PageSizes.Base));
        Assert.Equal(1, PageColouring.Colours(l2, 16, PageSizes.Huge));
    }

    [Theory]
    [InlineData(64)]     // a quarter of the capacity (256 pages)
    [InlineData(192)]    // three quarters
    [InlineData(256)]    // exactly the capacity
    [InlineData(320)]    // beyond it
    public void ExpectedOverflowMatchesMonteCarloOfRandomPagePlacement(int pages)
    {
        // Truth: place `pages` pages at uniformly random colours, count Σ_c (N_c − A)⁺ / n, average over trials.
        const int trials = 20000;
        var rng = new Random(1992);
        var counts = new int[KnlColours];
        double sum = 0, sumSq = 0;
        for (var t = 0; t < trials; t++)
        {
            Array.Clear(counts);
            for (var p = 0; p < pages; p++) counts[rng.Next(KnlColours)]++;
            var over = counts.Sum(c => Math.Max(0, c - KnlWays)) / (double)pages;
            sum += over;
            sumSq += over * over;
        }
        var mean = sum / trials;
        var se = Math.Sqrt(Math.Max(0, sumSq / trials - mean * mean) / trials);
        var closed = PageColouring.MissFraction(pages, KnlColours, KnlWays, 1.0);
        // 4 standard errors of the Monte Carlo mean (a false failure about once in 16,000 runs; the seed is fixed anyway),
        // plus 1e-4 absolute for the case where the mean is ~0 and its standard error too.
        Assert.InRange(closed, mean - 4 * se - 1e-4, mean + 4 * se + 1e-4);
    }

    [Theory]
    [InlineData(8, 4, 24, 0.0)]       // small cache: 8 colours x 4 ways = 32 pages; 24 pages, all contiguous
    [InlineData(8, 4, 24, 1.0)]       // the same, all at random frames
    [InlineData(8, 4, 32, 1.0)]       // exactly the capacity, random
    [InlineData(8, 4, 28, 0.5)]       // half random, half contiguous
    public void MissFractionMatchesASetAssociativeLruSimulationUnderIndependentReferences(int colours, int ways, int pages, double randomShare)
    {
        // A physically indexed cache of `colours` x `ways` pages, 4 lines per page (so 4 sets per colour), simulated with
        // true LRU per set. The working set's pages get colours: a share `randomShare` uniformly at random, the rest in turn
        // (physically contiguous). References are independent and uniform over the working set's lines. The closed form
        // is the expectation over placements of the stationary miss ratio; the simulation averages 400 placements,
        // each warmed up and then measured over 4,000 references.
        const int linesPerPage = 4;
        const int placements = 400, warmup = 2000, measured = 4000;
        var rng = new Random(138873);
        var misses = 0L;
        var sets = colours * linesPerPage;
        for (var placement = 0; placement < placements; placement++)
        {
            var random = (int)Math.Round(randomShare * pages);
            var colourOf = new int[pages];
            for (var p = 0; p < pages; p++) colourOf[p] = p < random ? rng.Next(colours) : (p - random) % colours;
            var lru = Enumerable.Range(0, sets).Select(_ => new LinkedList<int>()).ToArray();
            for (var r = 0; r < warmup + measured; r++)
            {
                var page = rng.Next(pages);
                var line = rng.Next(linesPerPage);
                var set = lru[colourOf[page] * linesPerPage + line];
                var tag = page * linesPerPage + line;
                var node = set.Find(tag);
                if (node is not null) set.Remove(node);
                else
                {
                    if (r >= warmup) misses++;
                    if (set.Count == ways) set.RemoveLast();
                }
                set.AddFirst(tag);
            }
        }
        var simulated = misses / (double)(placements * measured);
        var closed = PageColouring.MissFraction(pages, colours, ways, randomShare);
        // 1.6 million measured references: the binomial standard error of the miss ratio is below 4e-4; the placements
        // add their own spread (400 of them); 0.01 absolute covers both with a wide margin and still separates the
        // random cases (0.05-0.15) from the contiguous one (0).
        Assert.Equal(closed, simulated, 0.01);
    }

    [Fact]
    public void ContiguousPlacementHasOnlyCapacityMissesAndRandomPlacementAddsConflicts()
    {
        // Analytic limits: with ρ = 0 the miss fraction is (n − C·A)⁺ / n exactly; with one colour placement cannot matter.
        Assert.Equal(0, PageColouring.MissFraction(200, KnlColours, KnlWays, 0));
        Assert.Equal((300.0 - 256) / 300, PageColouring.MissFraction(300, KnlColours, KnlWays, 0), 12);
        Assert.Equal(0, PageColouring.ConflictMissFraction(300, 1, 256, 1.0));
        // Random placement of a working set equal to the capacity: E[(N − 16)⁺] for N ~ Bin(256, 1/16) is about
        // σ·φ(0) = 3.87 × 0.399 = 1.55 per colour (normal approximation), so Δm ≈ 16 × 1.55 / 256 ≈ 0.097.
        Assert.InRange(PageColouring.ConflictMissFraction(256, KnlColours, KnlWays, 1.0), 0.085, 0.105);
    }

    [Fact]
    public void LuleshOnLinuxLosesTimeToColourConflictsThatMosAvoidsAndTheSwitchRemovesIt()
    {
        var study = Defaults.Study();
        var platform = study.Platform;
        var lulesh = study.App["lulesh2"];
        var linux = study.Os[PaperTargets.Linux] with { Placement = study.Os[PaperTargets.Linux].Placement with { Policy = PlacementPolicy.DdrOnly } };
        var mos = study.Os[PaperTargets.Mos] with { Placement = study.Os[PaperTargets.Mos].Placement with { Policy = PlacementPolicy.DdrOnly } };
        var on = study.Predictor;
        var off = on.With(new MemoryPlacementModel(numaLocality: true, pageColouring: false));
        var linuxOn = on.Predict(platform, linux, lulesh, 1).Terms.Get<MemoryTerm>();
        var linuxOff = off.Predict(platform, linux, lulesh, 1).Terms.Get<MemoryTerm>();
        var mosOn = on.Predict(platform, mos, lulesh, 1).Terms.Get<MemoryTerm>();
        // Linux's heap is on 4 KiB frames taken one by one: a positive conflict-miss share and time; switched off, none.
        Assert.True(linuxOn.ColourConflictMissFraction > 0);
        Assert.True(linuxOn.ColourConflictPenalty.Seconds > 0);
        Assert.Equal(0, linuxOff.ColourConflictPenalty.Seconds);
        Assert.Equal(linuxOn.PerIteration.Seconds - linuxOff.PerIteration.Seconds, linuxOn.ColourConflictPenalty.Seconds, 1e-15);
        // mOS's memory is physically contiguous (2 MiB heap pages, contiguous mappings): no conflict misses at all.
        Assert.Equal(0, mosOn.ColourConflictMissFraction);
        // The same closed form by hand: 2 ranks per tile x 285,000 B / 4 KiB = 139.2 pages over 16 colours x 16 ways,
        // ρ = Linux's random share of the footprint; extra bytes = Δm · h · B at the placement's bandwidth.
        var pages = 2 * lulesh.CacheBlockedWorkingSet.Bytes / 4096;
        var rho = PageMix.RandomColourShare(linux, lulesh, lulesh.FootprintPerRank, lulesh.Heap.MeanGrowth);
        var dm = PageColouring.ConflictMissFraction(pages, KnlColours, KnlWays, rho);
        Assert.Equal(dm, linuxOn.ColourConflictMissFraction, 12);
        var expected = dm * lulesh.CacheBlockedShare * lulesh.MemoryTrafficPerIteration.Bytes / linuxOn.EffectiveBandwidthPerRank.BytesPerSecond;
        Assert.Equal(expected, linuxOn.ColourConflictPenalty.Seconds, expected * 1e-9 + 1e-18);
    }
}
