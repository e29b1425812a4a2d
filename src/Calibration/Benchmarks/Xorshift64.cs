namespace PerfModel.Calibration.Benchmarks;

/// <summary>A small seeded xorshift64* generator (deterministic permutations and sizes; not for cryptography).</summary>
internal struct Xorshift64
{
    private ulong state;

    public Xorshift64(int seed) => state = 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed * 0xBF58476D1CE4E5B9UL | 1UL;

    public ulong Next()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DUL;
    }

    /// <summary>Uniform in [0, n) for n ≥ 1.</summary>
    public int NextInt(int n) => (int)((Next() >> 33) % (ulong)n);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
