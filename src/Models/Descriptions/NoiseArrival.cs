namespace PerfModel.Descriptions;

/// <summary>How the detours of a <see cref="NoiseSource"/> arrive on a core.</summary>
public enum NoiseArrival
{
    /// <summary>A Poisson process of <see cref="NoiseSource.Rate"/> detours per second (daemons, interrupts).</summary>
    Poisson,

    /// <summary>Strictly periodic, one detour every 1 / <see cref="NoiseSource.Rate"/> seconds (timer ticks); each core's phase
    /// is uniform and independent of the others', or the same on every core when the profile is co-scheduled.</summary>
    Periodic,

    /// <summary>A recorded detour trace (<see cref="NoiseSource.Trace"/>) replayed cyclically from a uniform random offset per
    /// core, as LogGOPSim replays noise traces; closed forms see it as a Poisson process of the trace's rate with its
    /// empirical durations.</summary>
    Trace,
}
