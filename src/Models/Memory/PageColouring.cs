using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Memory;

/// <summary>
/// Conflict misses of a physically indexed, set-associative cache when a working set's pages sit at random physical
/// frames (R. E. Kessler, M. D. Hill, "Page placement algorithms for large real-indexed caches", ACM Transactions on
/// Computer Systems 10(4), 338-359, 1992, doi:10.1145/138873.138876; docs/sources.md#page-colouring).
/// <para>
/// A cache of capacity S with A ways and pages of size P has C = S / (A·P) page colours: every page of one colour maps
/// to the same S / (A·C) sets, which hold A pages' worth of lines of that colour. A working set of n pages held in the
/// cache falls into the colours; a colour holding N_c &gt; A pages overflows. Under the independent-reference model (every
/// line of the working set equally likely to be touched next) an LRU set holding N &gt; A lines keeps the A most recently
/// touched, a random A of them, so a reference to that colour hits with probability A / N_c. Summed over the colours the
/// miss fraction of the working set is
/// <code>
///   m = Σ_c (N_c − A)⁺ / n = C · E[(N − A)⁺] / n,      N ~ Binomial(n, 1/C)
/// </code>
/// for random placement (Linux's page allocator hands out 4 KiB frames one by one, so a page's colour is uniform and
/// independent of the others'), while physically contiguous memory (the LWKs, P18 Sec. II-D3: "better cache performance,
/// similar to techniques such as page coloring") and every page at least C·P large (a 2 MiB page spans all 16 colours of
/// KNL's L2) put n / C pages in every colour, with misses only beyond capacity, (n − C·A)⁺ / n.
/// </para>
/// <para>
/// Mixed placement: of n pages a share ρ is random, the rest u = (1 − ρ)·n / C pages per colour is even. Then
/// m(ρ) = C · E[(u + N − A)⁺] / n with N ~ Binomial(round(ρ·n), 1/C), and the conflict misses random placement adds are
/// Δm = m(ρ) − m(0). E[(N − a)⁺] = E[N] − a + Σ_{k &lt; a} (a − k)·P(N = k), a finite sum of at most A terms.
/// </para>
/// </summary>
public static class PageColouring
{
    /// <summary>C = S / (A·P): the number of page colours of a cache of <paramref name="cacheSize"/> S with
    /// <paramref name="ways"/> A ways for pages of <paramref name="page"/> P (at least 1: a page that spans a whole way
    /// has one colour). KNL's L2: 1 MiB / (16 × 4 KiB) = 16.</summary>
    public static int Colours(ByteSize cacheSize, int ways, ByteSize page)
    {
        Guard.Positive(nameof(cacheSize), cacheSize.Bytes);
        Guard.Positive(nameof(ways), ways);
        Guard.Positive(nameof(page), page.Bytes);
        return (int)Math.Max(1, Math.Floor(cacheSize.Bytes / (ways * page.Bytes)));
    }

    /// <summary>E[(N − a)⁺] for N ~ Binomial(<paramref name="trials"/>, <paramref name="p"/>), exact: E[N] − a plus the
    /// finite sum over k &lt; a (see the class remarks).</summary>
    /// <param name="trials">n ≥ 0.</param>
    /// <param name="p">Success probability in [0, 1].</param>
    /// <param name="a">Threshold (any finite number; a ≤ 0 gives E[N] − a).</param>
    public static double ExpectedExcess(int trials, double p, double a)
    {
        if (trials < 0) throw new ArgumentOutOfRangeException(nameof(trials), trials, $"trials={trials}, but it should be >= 0");
        Guard.Fraction(nameof(p), p);
        Guard.Finite(nameof(a), a);
        var mean = trials * p;
        if (a <= 0) return mean - a;
        var below = 0.0;
        if (p >= 1) return Math.Max(0, trials - a);
        if (p <= 0) return 0;
        // log P(N = 0) = n ln(1 − p); P(N = k + 1) = P(N = k) · (n − k)/(k + 1) · p/(1 − p).
        var logPmf = trials * StableMath.Log1p(-p);
        var logOdds = Math.Log(p) - StableMath.Log1p(-p);
        for (var k = 0; k < a && k <= trials; k++)
        {
            below += (a - k) * Math.Exp(logPmf);
            logPmf += Math.Log((double)(trials - k) / (k + 1)) + logOdds;
        }
        return Math.Max(0, mean - a + below);
    }

    /// <summary>m(ρ): the miss fraction of a working set of <paramref name="pages"/> n pages in a cache of
    /// <paramref name="colours"/> C colours and <paramref name="ways"/> A ways when a share <paramref name="randomShare"/>
    /// ρ of its pages sits at random frames and the rest is spread evenly over the colours (see the class remarks);
    /// capacity misses included.</summary>
    public static double MissFraction(double pages, int colours, int ways, double randomShare)
    {
        Guard.NonNegative(nameof(pages), pages);
        Guard.Positive(nameof(colours), colours);
        Guard.Positive(nameof(ways), ways);
        Guard.Fraction(nameof(randomShare), randomShare);
        if (pages <= 0) return 0;
        var random = (int)Math.Round(randomShare * pages);
        var evenPerColour = (pages - random) / colours;
        return Math.Min(1, colours * ExpectedExcess(random, 1.0 / colours, ways - evenPerColour) / pages);
    }

    /// <summary>Δm = m(ρ) − m(0): the conflict misses random placement of a share ρ of the pages adds to a working set of
    /// n pages, as a fraction of its references (see the class remarks). 0 when ρ = 0, when C = 1 (one colour: the
    /// placement cannot matter) or when the working set is empty.</summary>
    public static double ConflictMissFraction(double pages, int colours, int ways, double randomShare) =>
        Math.Max(0, MissFraction(pages, colours, ways, randomShare) - MissFraction(pages, colours, ways, 0));
}
