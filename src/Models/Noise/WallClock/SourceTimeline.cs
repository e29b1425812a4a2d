using System.Runtime.CompilerServices;
using PerfModel.Descriptions;

namespace PerfModel.Noise.WallClock;

/// <summary>
/// One noise source's detours on one rank's wall clock, generated lazily in start order from the rank's own uniform stream:
/// <see cref="Start"/> gives the state at t = 0 of a stationary timeline, <see cref="Consume"/> charges the detours up to the
/// end of a CPU window and moves on. The caller keeps, per (rank, source), the stream word and the pending detour (start,
/// duration); a trace source keeps its replay index in the stream word once started.
/// <list type="bullet">
/// <item>Poisson(λ): gaps Exp(λ); in progress at 0 (M/G/∞ in equilibrium): K ~ Poisson(λ·E[D]) detours, each with an
/// equilibrium remainder (<see cref="DetourSampler.Remainder"/>).</item>
/// <item>Periodic(λ): a detour every Π = 1/λ at φ + nΠ, φ uniform on [0, Π) from the stream (shared when the stream is);
/// durations drawn per tick. In progress at 0: only the tick at φ − Π can be (D &lt; Π is a source rule), remainder
/// (D − (Π − φ))⁺.</item>
/// <item>Trace: the recording replayed with period L from offset U·L (rank time t is trace time t + offset, cyclically),
/// as LogGOPSim replays its noise traces (Hoefler, Schneider, Lumsdaine, SC10, doi:10.1109/SC.2010.12); in progress at 0:
/// the detour before the offset, if it runs past it.</item>
/// </list>
/// <para>Long idle gaps (a rank waiting for a late partner) cost O(1), not one step per detour: a periodic source jumps over
/// whole periods (the stream jumps too, SplitMix64 being counter-based, so the ticks and their durations are exactly those
/// of stepping, up to the rounding of the start), a trace jumps to its position by binary search, and a Poisson source of
/// independent timelines draws the state at the window's start directly: the detours that started in the gap
/// (s₀, t) and still run at t are the equilibrium in-progress set thinned to ages below t − s₀ (K ~ Poisson(λE[D]) pairs
/// (age, remainder) = ((1 − U)·D̃, U·D̃), kept when the age is below the gap), and the next start is t + Exp(λ). That is the
/// same law as stepping (arrivals after s₀ are a fresh Poisson process), with other draws, so it is not used for
/// co-scheduled timelines, whose ranks must keep drawing the same numbers.</para>
/// </summary>
internal sealed class SourceTimeline
{
    /// <summary>A Poisson gap longer than this many mean inter-arrival times is fast-forwarded (independent timelines).</summary>
    private const double FastForwardDetours = 32;

    /// <summary>A trace gap longer than this many mean inter-arrival times is jumped by binary search.</summary>
    private const double TraceJumpDetours = 16;

    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private readonly NoiseArrival arrival;
    private readonly double period;            // Π = 1/λ (periodic)
    private readonly DetourSampler durations;
    private readonly double[] inProgressCdf;   // P(K ≤ k) for K ~ Poisson(λ E[D]) (Poisson)
    private readonly double[] traceStarts = [], traceDurations = [];
    private readonly double traceLength;

    public SourceTimeline(NoiseSource source)
    {
        Name = source.Name;
        arrival = source.Arrival;
        Rate = source.Rate.PerSecond;
        period = 1 / Rate;
        durations = new DetourSampler(source.Duration);
        inProgressCdf = PoissonCdf(Rate * source.Duration.MeanSeconds);
        if (source.Trace is { } trace)
        {
            traceStarts = [.. trace.StartSeconds];
            traceDurations = [.. trace.DurationSeconds];
            traceLength = trace.Length.Seconds;
        }
    }

    /// <summary>The source's name, for messages.</summary>
    public string Name { get; }

    /// <summary>λ, detours per second.</summary>
    public double Rate { get; }

    /// <summary>Starts the timeline: the sum of the remainders at t = 0 of the detours in progress then, and the first
    /// detour starting at or after 0.</summary>
    public double Start(ref ulong stream, out double start, out double duration)
    {
        switch (arrival)
        {
            case NoiseArrival.Periodic:
            {
                var phase = StreamRandom.NextDouble(ref stream) * period;
                var previous = durations.Duration(ref stream);
                start = phase;
                duration = durations.Duration(ref stream);
                return Math.Max(0, previous - (period - phase));
            }
            case NoiseArrival.Trace:
                return StartTrace(ref stream, out start, out duration);
            default:
            {
                var u = StreamRandom.NextDouble(ref stream);
                var remainder = 0.0;
                for (var k = 0; k < inProgressCdf.Length && u >= inProgressCdf[k]; k++) remainder += durations.Remainder(ref stream);
                start = -Math.Log(1 - StreamRandom.NextDouble(ref stream)) / Rate;
                duration = durations.Duration(ref stream);
                return remainder;
            }
        }
    }

    /// <summary>
    /// Charges the slot's detours to the CPU window [<paramref name="t"/>, <paramref name="end"/>) (t at or after the
    /// stretched end of the slot's previous window): the remainder at t of each detour that started before t, the full
    /// duration of each that starts in [t, end). Leaves the first detour starting at or after <paramref name="end"/>
    /// pending. Detours drawn are taken from <paramref name="budget"/>; returns false, with the slot unchanged, when a gap
    /// would need more than what is left of it (only co-scheduled Poisson timelines step through a gap).
    /// </summary>
    public bool Consume(ref ulong stream, ref double start, ref double duration, double t, double end, bool fastForward, ref long budget, out double charge)
    {
        switch (arrival)
        {
            case NoiseArrival.Periodic: charge = ConsumePeriodic(ref stream, ref start, ref duration, t, end, ref budget); return true;
            case NoiseArrival.Trace: charge = ConsumeTrace(ref stream, ref start, ref duration, t, end, ref budget); return true;
            default:
                charge = 0;
                if (start < t && (t - start) * Rate > FastForwardDetours)
                {
                    if (fastForward) charge = FastForward(ref stream, ref start, ref duration, t, ref budget);
                    else if ((end - start) * Rate > budget) return false;
                }
                charge += ConsumePoisson(ref stream, ref start, ref duration, t, end, ref budget);
                return true;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Charge(double start, double duration, double t) =>
        start >= t ? duration : start + duration > t ? start + duration - t : 0;

    private double ConsumePoisson(ref ulong stream, ref double start, ref double duration, double t, double end, ref long budget)
    {
        var charge = 0.0;
        long drawn = 0;
        while (start < end)
        {
            charge += Charge(start, duration, t);
            start += -Math.Log(1 - StreamRandom.NextDouble(ref stream)) / Rate;
            duration = durations.Duration(ref stream);
            drawn++;
        }
        budget -= drawn;
        return charge;
    }

    /// <summary>The gap (start, t) of an independent Poisson timeline in O(1 + λE[D]) draws (see the class remarks): returns
    /// the remainders at t, and leaves the first detour after t pending.</summary>
    private double FastForward(ref ulong stream, ref double start, ref double duration, double t, ref long budget)
    {
        var gap = t - start;
        var charge = start + duration > t ? start + duration - t : 0;
        var u = StreamRandom.NextDouble(ref stream);
        for (var k = 0; k < inProgressCdf.Length && u >= inProgressCdf[k]; k++)
        {
            var length = durations.LengthBiased(ref stream);
            var remainder = StreamRandom.NextDouble(ref stream) * length;
            if (length - remainder < gap) charge += remainder;   // its age; it started in the gap
            budget--;
        }
        start = t - Math.Log(1 - StreamRandom.NextDouble(ref stream)) / Rate;
        duration = durations.Duration(ref stream);
        budget -= 2;
        return charge;
    }

    private double ConsumePeriodic(ref ulong stream, ref double start, ref double duration, double t, double end, ref long budget)
    {
        if (start < t)
        {
            // Every tick but the last one starting before t ends before t (D < Π): jump over them, stream included.
            var k = Math.Floor((t - start) / period) - 1;
            if (k >= 1)
            {
                start += k * period;
                if (durations.DrawsPerDuration > 0)
                {
                    stream += (ulong)(k - 1) * Gamma;
                    duration = durations.Duration(ref stream);
                }
                budget--;
            }
        }
        var charge = 0.0;
        long drawn = 0;
        while (start < end)
        {
            charge += Charge(start, duration, t);
            start += period;
            duration = durations.Duration(ref stream);
            drawn++;
        }
        budget -= drawn;
        return charge;
    }

    private double ConsumeTrace(ref ulong stream, ref double start, ref double duration, double t, double end, ref long budget)
    {
        if (start < t && (t - start) * Rate > TraceJumpDetours) JumpTrace(ref stream, ref start, ref duration, t);
        var charge = 0.0;
        long drawn = 0;
        var n = traceStarts.Length;
        while (start < end)
        {
            charge += Charge(start, duration, t);
            var j = (int)stream;
            var next = j + 1 == n ? 0 : j + 1;
            start += next == 0 ? traceLength - traceStarts[j] + traceStarts[0] : traceStarts[next] - traceStarts[j];
            duration = traceDurations[next];
            stream = (ulong)next;
            drawn++;
        }
        budget -= drawn + 1;
        return charge;
    }

    /// <summary>Makes the last detour of the replay that starts at or before t pending (detours do not overlap, so no
    /// earlier one can still run at t).</summary>
    private void JumpTrace(ref ulong stream, ref double start, ref double duration, double t)
    {
        var j = (int)stream;
        var origin = start - traceStarts[j];               // rank time of trace time 0 in the pending detour's cycle
        var cycles = Math.Floor((t - origin) / traceLength);
        var position = t - origin - cycles * traceLength;  // trace time of t, in [0, L) up to rounding
        var i = Array.BinarySearch(traceStarts, position);
        i = i >= 0 ? i : ~i - 1;                           // last start ≤ position
        if (i < 0)
        {
            i = traceStarts.Length - 1;
            cycles -= 1;
        }
        var jumped = origin + cycles * traceLength + traceStarts[i];
        if (!(jumped > start)) return;                     // rounding: keep stepping instead
        start = jumped;
        duration = traceDurations[i];
        stream = (ulong)i;
    }

    private double StartTrace(ref ulong stream, out double start, out double duration)
    {
        var offset = StreamRandom.NextDouble(ref stream) * traceLength;
        var n = traceStarts.Length;
        var next = Array.BinarySearch(traceStarts, offset);
        if (next < 0) next = ~next;                        // first start ≥ offset, or n
        var previousEnd = next > 0
            ? traceStarts[next - 1] + traceDurations[next - 1] - offset
            : traceStarts[n - 1] + traceDurations[n - 1] - traceLength - offset;
        if (next == n)
        {
            next = 0;
            start = traceStarts[0] + traceLength - offset;
        }
        else start = traceStarts[next] - offset;
        duration = traceDurations[next];
        stream = (ulong)next;
        return Math.Max(0, previousEnd);
    }

    /// <summary>P(K ≤ k), k = 0, 1, …, for K ~ Poisson(m), m &lt; 1 (a source's fraction of a core), up to the first k
    /// whose term is below 1e-18; a uniform beyond the last entry (probability about 1e-16) gives K = table length.</summary>
    private static double[] PoissonCdf(double m)
    {
        var cdf = new List<double>();
        var p = Math.Exp(-m);
        var acc = p;
        cdf.Add(acc);
        for (var k = 1; k < 200 && (k <= m || p > 1e-18); k++)
        {
            p *= m / k;
            acc += p;
            cdf.Add(acc);
        }
        return [.. cdf];
    }
}
