using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>The per-core noise classes fitted to the osjitter figures (<see cref="NoiseClassFit.Fit"/>).</summary>
public sealed record NoiseClasses
{
    /// <summary>The four classes.</summary>
    public NoiseClasses(NoiseClass isolatedNohzFull, NoiseClass isolatedTick, NoiseClass housekeeping, NoiseClass quietestIsolated)
    {
        IsolatedNohzFull = isolatedNohzFull;
        IsolatedTick = isolatedTick;
        Housekeeping = housekeeping;
        QuietestIsolated = quietestIsolated;
    }

    /// <summary>(a) An isolated <c>nohz_full</c> core: residual interrupts only (configuration A, isolated CPUs).</summary>
    public NoiseClass IsolatedNohzFull { get; }

    /// <summary>(b) An isolated core with a periodic 1 kHz tick (configuration E, isolated CPUs).</summary>
    public NoiseClass IsolatedTick { get; }

    /// <summary>(c) A housekeeping core: tick plus kernel threads and daemons (configuration A, CPUs 0-4).</summary>
    public NoiseClass Housekeeping { get; }

    /// <summary>The quietest isolated core measured: <c>nohz_full</c> with IRQs and kernel threads moved off and a latency
    /// profile (configuration D, isolated CPUs); the basis of the lightweight kernels' noise.</summary>
    public NoiseClass QuietestIsolated { get; }

    /// <summary>All four, in the order above.</summary>
    public ImmutableArray<NoiseClass> All => [IsolatedNohzFull, IsolatedTick, Housekeeping, QuietestIsolated];
}
