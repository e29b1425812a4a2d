using System.Collections.Immutable;

namespace PerfModel.Calibration.Noise;

/// <summary>An FWQ noise probe read by <see cref="FwqTrace.Load"/> (or made from a benchmark result by
/// <see cref="Benchmarks.FwqBenchmark.ToFwqTraceData"/>): one <see cref="FwqCoreTrace"/> per core, in file order.
/// <see cref="MeanDetourRatePerSecond"/> and <see cref="DetourExcessSeconds"/> are the one definition of the noise rate
/// and of the detour durations that <see cref="FwqTrace.ToNoiseProfile"/> and <see cref="Fitting.NoiseFit.FromTrace"/> build on.</summary>
/// <param name="File">The file it was read from.</param>
/// <param name="DetourThresholdNs">A sample is a detour when it exceeds its core's minimum by more than this; shorter
/// detours are invisible in the data.</param>
/// <param name="Cores">The cores, in the order they first appear in the file.</param>
public sealed record FwqTraceData(string File, double DetourThresholdNs, ImmutableArray<FwqCoreTrace> Cores)
{
    /// <summary>The noise rate of the trace: λ = (1/K) Σ_k N_k / T_k, the mean over the K cores of detours N_k per second of
    /// wall-clock time T_k = samples × mean sample (<see cref="FwqCoreTrace.DetourRatePerSecond"/>). Detours are taken as
    /// Poisson arrivals on every core at that rate; shorter ones than the threshold are not counted, so it is a lower bound.</summary>
    /// <exception cref="ArgumentException">The trace has no cores, or a core without samples or a positive, finite mean.</exception>
    public double MeanDetourRatePerSecond
    {
        get
        {
            CheckUsable(nameof(Cores));
            return Cores.Average(c => c.DetourRatePerSecond);
        }
    }

    /// <summary>Every detour's excess over its core's minimum, in seconds, pooled over the cores (core by core, each in its
    /// own order): the durations a noise source of this trace draws from. Empty when there is no detour.</summary>
    public ImmutableArray<double> DetourExcessSeconds =>
        [.. (Cores.IsDefault ? [] : Cores).SelectMany(c => c.DetourExcessNs.IsDefault ? [] : c.DetourExcessNs).Select(ns => ns / 1e9)];

    /// <summary>Throws <see cref="ArgumentException"/> (naming <paramref name="parameter"/>) unless the trace has cores, each
    /// with at least one sample of positive, finite mean: the rate needs a wall-clock time per core.</summary>
    internal void CheckUsable(string parameter)
    {
        var cores = Cores.IsDefault ? [] : Cores;
        if (cores.Length == 0) throw new ArgumentException("the trace has no cores", parameter);
        foreach (var c in cores)
            if (c.Samples < 1 || !(c.MeanNs > 0) || !double.IsFinite(c.MeanNs))
                throw new ArgumentException($"core '{c.Name}' has {c.Samples} samples of mean {c.MeanNs} ns; it needs >= 1 sample of finite mean > 0", parameter);
    }
}
