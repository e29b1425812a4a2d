using CsCheck;
using Xunit.Sdk;

namespace PerfModel.Tests.Support;

/// <summary>Deterministic property testing with CsCheck generators: samples are drawn from a PCG with a fixed seed, so
/// every run checks the same inputs. (Check.Sample(seed: …) replays only that one seed and then continues with random
/// samples, which would make the suite non-deterministic.) A failure reports the sample index, seed and input.</summary>
public static class SeededProperty
{
    public static void ForAll<T>(Gen<T> gen, ulong seed, int count, Action<T> assert)
    {
        var pcg = new PCG(1, seed);
        for (var i = 0; i < count; i++)
        {
            var sample = gen.Generate(pcg, null, out _);
            try
            {
                assert(sample);
            }
            catch (Exception e)
            {
                throw new XunitException($"Property failed on sample {i} of {count} (seed {seed}): {Check.Print(sample)}{Environment.NewLine}{e.Message}");
            }
        }
    }
}
