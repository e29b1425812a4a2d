using System.Collections.Immutable;

namespace PerfModel.Calibration.Noise;

/// <summary>
/// One core of a fixed-work-quantum (FWQ) probe: the core timed <paramref name="Samples"/> repetitions of the same work.
/// Durations are in nanoseconds.
/// </summary>
/// <param name="Name">The core's label: the <c>core</c> cell of the long format or the column name of the wide format.</param>
/// <param name="Samples">Number of timed repetitions (≥ 1).</param>
/// <param name="MinNs">Shortest sample: the work without any detour.</param>
/// <param name="MeanNs">Mean sample duration, detours included, so Samples × MeanNs is the probe's wall-clock time.</param>
/// <param name="DetourExcessNs">Excess over <paramref name="MinNs"/> of every sample that exceeded it by more than the
/// trace's detour threshold: in sample order for the wide format, in row order for the long format.</param>
public sealed record FwqCoreTrace(string Name, long Samples, double MinNs, double MeanNs, ImmutableArray<double> DetourExcessNs)
{
    /// <summary>Number of detours (samples above the threshold).</summary>
    public int Detours => DetourExcessNs.IsDefault ? 0 : DetourExcessNs.Length;

    /// <summary>Wall-clock length of the probe on this core: Samples × MeanNs, in seconds.</summary>
    public double ElapsedSeconds => Samples * MeanNs / 1e9;

    /// <summary>Detours per second of wall-clock time: Detours / (Samples × MeanNs).</summary>
    public double DetourRatePerSecond => Detours / ElapsedSeconds;

    /// <summary>Mean detour excess in ns (0 without detours).</summary>
    public double MeanDetourNs => Detours == 0 ? 0 : DetourExcessNs.Average();

    /// <summary>Largest detour excess in ns (0 without detours).</summary>
    public double MaxDetourNs => Detours == 0 ? 0 : DetourExcessNs.Max();

    /// <summary>Fraction of the core's time spent in detours above the threshold: Σ excess / (Samples × MeanNs).</summary>
    public double NoiseFraction => Detours == 0 ? 0 : DetourExcessNs.Sum() / (Samples * MeanNs);
}
