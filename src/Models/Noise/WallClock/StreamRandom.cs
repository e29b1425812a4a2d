using System.Runtime.CompilerServices;

namespace PerfModel.Noise.WallClock;

/// <summary>
/// Counter-based uniform streams, one 64-bit word of state per (rank, source): SplitMix64 (Steele, Lea, Flood, OOPSLA 2014,
/// doi:10.1145/2660193.2660195) started at a key, state += γ, output = mix(state). A stream depends only on its key, never on
/// when or by whom it is read, so a rank's noise timeline is a function of (seed, trial, rank, source) alone and co-scheduled
/// ranks (same key) see the same timeline whatever their windows are.
/// </summary>
internal static class StreamRandom
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private const double Unit = 1.0 / (1UL << 53);

    /// <summary>The next uniform in [0, 1) of the stream whose state is <paramref name="state"/> (a multiple of 2^−53).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NextDouble(ref ulong state)
    {
        state += Gamma;
        return (SplitMix64.Mix(state) >> 11) * Unit;
    }

    /// <summary>The key of trial <paramref name="trial"/> of <paramref name="seed"/>: the first word of the trial's xoshiro256**
    /// stream (seeded by <see cref="Xoshiro256StarStar.ForStream"/>).</summary>
    public static ulong TrialKey(ulong seed, int trial)
    {
        var rng = Xoshiro256StarStar.ForStream(seed, (ulong)trial);
        return rng.NextUInt64();
    }

    /// <summary>A stream key from a trial key and two labels: nested SplitMix64 finalisers (bijections), so distinct labels
    /// start at unrelated points of the 2^64 cycle.</summary>
    public static ulong Key(ulong trialKey, ulong a, ulong b) => SplitMix64.Mix(trialKey ^ SplitMix64.Mix(a ^ SplitMix64.Mix(b + Gamma)));
}
