namespace PerfModel.Noise.WallClock;

/// <summary>
/// xoshiro256** 1.0 (Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021):
/// 256-bit state, period 2^256 − 1, output rotl(s1·5, 7)·9. A mutable struct: pass it by <c>ref</c>.
/// Each Monte Carlo trial gets its own generator from <see cref="ForStream"/>, so results do not depend on which thread
/// runs which trial.
/// </summary>
internal struct Xoshiro256StarStar
{
    private const double Unit = 1.0 / (1UL << 53);

    private ulong s0, s1, s2, s3;

    /// <summary>
    /// The generator for stream <paramref name="stream"/> of <paramref name="seed"/>: a SplitMix64 sequence started at
    /// seed ⊕ mix(stream + golden) (mix = SplitMix64 finaliser, a bijection, so distinct streams of one seed start distinct
    /// sequences) supplies the four state words. An all-zero state (probability 2^−256) is replaced by a fixed non-zero one.
    /// </summary>
    public static Xoshiro256StarStar ForStream(ulong seed, ulong stream)
    {
        var sm = new SplitMix64(seed ^ SplitMix64.Mix(stream + 0x9E3779B97F4A7C15UL));
        var g = new Xoshiro256StarStar { s0 = sm.Next(), s1 = sm.Next(), s2 = sm.Next(), s3 = sm.Next() };
        if ((g.s0 | g.s1 | g.s2 | g.s3) == 0) g.s0 = 1;
        return g;
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1): the top 53 bits times 2^−53 (every value a multiple of 2^−53).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * Unit;

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
