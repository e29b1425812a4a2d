namespace PerfModel.Profiles;

/// <summary>What one rank's heap does per iteration (P18 Sec. IV gives Lulesh's: 7,526 queries, 3,028 growths,
/// 1,499 shrinks, 22 GB cumulative growth and an 87 MB peak over 932 cycles at -s 30).</summary>
/// <param name="QueriesPerIteration">sbrk(0) calls.</param>
/// <param name="GrowthsPerIteration">brk() expansions.</param>
/// <param name="ShrinksPerIteration">brk() contractions.</param>
/// <param name="GrownBytesPerIteration">Bytes requested by the expansions (cumulative growth / iterations).</param>
/// <param name="PeakHeapBytes">Largest heap size.</param>
/// <param name="TouchedFraction">θ: fraction of grown bytes the application writes before they are trimmed again (facts.md §6.3).</param>
public sealed record HeapBehaviour(
    double QueriesPerIteration,
    double GrowthsPerIteration,
    double ShrinksPerIteration,
    double GrownBytesPerIteration,
    double PeakHeapBytes,
    double TouchedFraction)
{
    public static readonly HeapBehaviour Static = new(0, 0, 0, 0, 0, 0);

    internal void Validate(ValidationScope v, string path)
    {
        v.NonNegative(path + ".queriesPerIteration", QueriesPerIteration);
        v.NonNegative(path + ".growthsPerIteration", GrowthsPerIteration);
        v.NonNegative(path + ".shrinksPerIteration", ShrinksPerIteration);
        v.NonNegative(path + ".grownBytesPerIteration", GrownBytesPerIteration);
        v.NonNegative(path + ".peakHeapBytes", PeakHeapBytes);
        v.Fraction(path + ".touchedFraction", TouchedFraction);
        if (GrownBytesPerIteration > 0 && GrowthsPerIteration == 0)
            v.Add(path + ".growthsPerIteration", "must be > 0 when grownBytesPerIteration > 0");
    }
}
