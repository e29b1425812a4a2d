namespace PerfModel.Noise.WallClock;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; constants as in
/// Vigna's reference <c>splitmix64.c</c>): state += 0x9E3779B97F4A7C15, output = mix(state). Used only to expand a seed
/// into the 256-bit state of <see cref="Xoshiro256StarStar"/>, as the xoshiro authors recommend.
/// </summary>
internal struct SplitMix64(ulong state)
{
    private ulong state = state;

    public ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>The SplitMix64 finaliser: a bijection on 64-bit words with good avalanche.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
