namespace PerfModel.Descriptions;

/// <summary>
/// The one table of what the model can represent, per kind of input quantity. The upper ends keep every prediction
/// finite: a prediction is iterations × the sum of per-iteration terms, each a product or quotient of at most a few of
/// these inputs (bytes / bandwidth, count × time, time / frequency), so with every input within its limit each term stays
/// below ~10^36 s and the figure of merit within double range (10^±308) — far from overflow. The lower ends refuse
/// values so small that they change nothing but can underflow (a clock of 1e-300 Hz, a detour of 1e-300 s): a picosecond
/// is below any operating-system or network cost, a nanobyte per second below any bandwidth. Limits that the model needs
/// beyond single inputs — a step whose window holds more detours than the noise closed forms resolve
/// (<see cref="Noise.NoiseClosedForm.MaxDetoursPerWindow"/>) — are checked where the prediction is made, and a
/// prediction that would still not be finite is refused there, naming the scenario.
/// </summary>
public static class QuantityLimits
{
    /// <summary>A time: 0, or 1 ps to 10^6 s (11.6 days) — kernel costs, latencies, compute per iteration, detour
    /// durations.</summary>
    public static readonly QuantityLimit Seconds = new("a time", "s", 1e-12, 1e6);

    /// <summary>A time that cannot be 0: 1 ps to 10^6 s — the scale of a duration distribution (an exponential's mean, a
    /// log-normal's median, a Pareto's smallest duration x_m), which its record requires to be &gt; 0.</summary>
    public static readonly QuantityLimit PositiveSeconds = new("a positive time", "s", 1e-12, 1e6, ZeroAllowed: false);

    /// <summary>A time per byte (LogGP G, copy and reduction cost per byte): 0, or 10^-18 s/B (an exabyte per second) to
    /// 1 s/B.</summary>
    public static readonly QuantityLimit SecondsPerByte = new("a time per byte", "s/B", 1e-18, 1);

    /// <summary>A size: 0, or 1 byte to 2^60 bytes (1 EiB; a node's memory, a footprint of up to 1 PiB per rank fits).</summary>
    public static readonly QuantityLimit Bytes = new("a size", "B", 1, 1152921504606846976);

    /// <summary>A bandwidth: 1 B/s to 10^15 B/s (1 PB/s); never 0 (nothing would ever move).</summary>
    public static readonly QuantityLimit BytesPerSecond = new("a bandwidth", "B/s", 1, 1e15, ZeroAllowed: false);

    /// <summary>An event rate: 0, or 10^-9/s (one event in 30 years) to 10^9/s (one per nanosecond).</summary>
    public static readonly QuantityLimit PerSecond = new("a rate", "/s", 1e-9, 1e9);

    /// <summary>A clock frequency: 1 kHz to 1 THz; never 0.</summary>
    public static readonly QuantityLimit Hertz = new("a frequency", "Hz", 1e3, 1e12, ZeroAllowed: false);

    /// <summary>A count of events (iterations, calls or faults per iteration, neighbours): 0, or 10^-9 (fractional
    /// averages per iteration) to 10^15.</summary>
    public static readonly QuantityLimit Count = new("a count", "", 1e-9, 1e15);

    /// <summary>A whole number of things (cores, ranks, nodes, TLB entries, NUMA domains): 0 to 10^9.</summary>
    public static readonly QuantityLimit Whole = new("a whole number", "", 1, 1e9);

    /// <summary>A fraction or a dimensionless factor of order one (shares, fractions in [0, 1], fault contention per
    /// rank): 0, or 10^-12 to 10^3.</summary>
    public static readonly QuantityLimit Factor = new("a dimensionless factor", "", 1e-12, 1e3);

    /// <summary>A dimensionless factor that cannot be 0: 10^-12 to 10^3 — a log-normal's σ, which its record requires to be
    /// &gt; 0.</summary>
    public static readonly QuantityLimit PositiveFactor = new("a positive dimensionless factor", "", 1e-12, 1e3, ZeroAllowed: false);

    /// <summary>A run-to-run log-normal σ (<see cref="Interconnect.RunToRunLogSd"/>): 0, or 10^-12 to 2 (beyond, one run's
    /// communication would differ from the next by more than e^2 = 7.4x at one σ).</summary>
    public static readonly QuantityLimit RunToRunLogSd = new("a run-to-run log-sd", "", 1e-12, Interconnect.MaxRunToRunLogSd);

    /// <summary>A Pareto tail index α: greater than 1 (α ≤ 1 gives detours an infinite mean, which the record refuses) up to
    /// 10^3 (beyond, the tail is indistinguishable from a fixed duration at x_m); never 0.</summary>
    public static readonly QuantityLimit TailIndex = new("a Pareto tail index", "", 1, 1e3, ZeroAllowed: false) { MinExclusive = true };

    /// <summary>A figure-of-merit factor (work per rank per iteration, the formula's scale): 10^-30 to 10^30, never 0.</summary>
    public static readonly QuantityLimit FomFactor = new("a figure-of-merit factor", "", 1e-30, 1e30, ZeroAllowed: false);
}
