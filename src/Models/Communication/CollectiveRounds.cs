namespace PerfModel.Communication;

/// <summary>
/// Rounds of the collective algorithms at any number of ranks P (no rounding to a power of two): the one place the round
/// counts live, used by the communication model and the noise model alike.
/// <list type="bullet">
/// <item>Recursive doubling (MPICH allreduce; Thakur, Rabenseifner, Gropp, IJHPCA 2005): with p′ = 2^⌊log₂ P⌋, log₂ P rounds
/// when P = p′; otherwise the first 2(P − p′) ranks pair up so that half of them hand their data over in one extra
/// exchange, p′ ranks run log₂ p′ rounds and one more exchange returns the result: ⌊log₂ P⌋ + 2.</item>
/// <item>Binomial tree (reduce, broadcast) and dissemination barrier: ⌈log₂ P⌉.</item>
/// </list>
/// </summary>
public static class CollectiveRounds
{
    /// <summary>Rounds of recursive doubling among <paramref name="ranks"/> ranks: log₂ P for a power of two, else
    /// ⌊log₂ P⌋ + 2 (one exchange before and one after the power-of-two core); 0 for one rank.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one rank.</exception>
    public static int RecursiveDoubling(long ranks)
    {
        var floor = FloorLog2(ranks);
        return (1L << floor) == ranks ? floor : floor + 2;
    }

    /// <summary>Rounds of a binomial tree or a dissemination barrier among <paramref name="ranks"/> ranks: ⌈log₂ P⌉.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one rank.</exception>
    public static int CeilLog2(long ranks)
    {
        var floor = FloorLog2(ranks);
        return (1L << floor) == ranks ? floor : floor + 1;
    }

    /// <summary>⌊log₂ P⌋.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one rank.</exception>
    public static int FloorLog2(long ranks)
    {
        if (ranks < 1) throw new ArgumentOutOfRangeException(nameof(ranks), ranks, $"ranks={ranks}, but it should be >= 1");
        return 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)ranks);
    }
}
