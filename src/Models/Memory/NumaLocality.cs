using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Memory;

/// <summary>
/// Remote NUMA traffic in a sub-NUMA-clustered node (KNL SNC-4: four quadrants, each with its own DDR4 and MCDRAM
/// domains). A rank streaming B bytes, a share r of them from another quadrant's domain, takes
/// <code>
///   t = B · [(1 − r) / BW_local + r / BW_remote]
/// </code>
/// with BW_local and BW_remote the bandwidths a rank sees from its own and from another quadrant's domain. Relative to an
/// all-local placement (r = 0) that is the factor 1 + r · (BW_local / BW_remote − 1). The per-quadrant bandwidths are
/// measured (Chips and Cheese, KNL SNC-4: DDR4 20.8 GB/s local, 19.1 remote; MCDRAM about 90 local, 86 remote;
/// docs/sources.md#knl-snc4-numa); r comes from the OS's placement (docs/sources.md#numa-placement).
/// </summary>
public static class NumaLocality
{
    /// <summary>t / t_local = 1 + r · (BW_local / BW_remote − 1): the time of traffic with remote share
    /// <paramref name="remoteFraction"/> relative to all-local traffic; 1 when either bandwidth is 0 (not measured).</summary>
    /// <param name="remoteFraction">r in [0, 1].</param>
    /// <param name="local">BW_local (≥ 0; 0: not measured).</param>
    /// <param name="remote">BW_remote (≥ 0; 0: not measured).</param>
    public static double Slowdown(double remoteFraction, Bandwidth local, Bandwidth remote)
    {
        Guard.Fraction(nameof(remoteFraction), remoteFraction);
        Guard.NonNegative(nameof(local), local.BytesPerSecond);
        Guard.NonNegative(nameof(remote), remote.BytesPerSecond);
        if (local.BytesPerSecond <= 0 || remote.BytesPerSecond <= 0) return 1;
        return 1 + remoteFraction * (local.BytesPerSecond / remote.BytesPerSecond - 1);
    }

    /// <summary>t = B · [(1 − r) / BW_local + r / BW_remote] for <paramref name="bytes"/> B.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bandwidth is not &gt; 0, or r is outside [0, 1].</exception>
    public static TimeInterval Time(ByteSize bytes, double remoteFraction, Bandwidth local, Bandwidth remote)
    {
        Guard.NonNegative(nameof(bytes), bytes.Bytes);
        Guard.Fraction(nameof(remoteFraction), remoteFraction);
        Guard.Positive(nameof(local), local.BytesPerSecond);
        Guard.Positive(nameof(remote), remote.BytesPerSecond);
        return TimeInterval.FromSeconds(bytes.Bytes * ((1 - remoteFraction) / local.BytesPerSecond + remoteFraction / remote.BytesPerSecond));
    }
}
