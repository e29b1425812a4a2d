using System.Collections.Immutable;
using PerfModel.Calibration.Fitting;

namespace PerfModel.Calibration.Published;

/// <summary>
/// LogGP parameters (Alexandrov et al., "LogGP", SPAA 1995, doi:10.1145/215399.215427; T(m) = L + 2o + (m − 1)G) fitted
/// by <see cref="LogGpFit.Fit"/>: first as measured on the published hosts (<see cref="HostCpu"/>, not KNL), then
/// derived for KNL hosts on Omni-Path with the caller's <see cref="KnlOverheadFactor"/>. Times in seconds, gaps in
/// seconds per byte; each estimate carries its 95% interval and method.
/// </summary>
/// <param name="Env">The <c>env</c> fitted.</param>
/// <param name="HostCpu">The CPU of the measuring hosts, as the caller stated it.</param>
/// <param name="Runs">Runs (node pairs) fitted.</param>
/// <param name="HostLatencyPlusTwoOverhead">L + 2o on the host: median over runs of each run's mean latency at
/// 1 B ≤ m ≤ the small-message limit; interval from a bootstrap over runs.</param>
/// <param name="HostGapPerByte">G on the host: the slope of the latency-on-size regression of every row with m ≥ the
/// large-message limit (pooled over runs); interval from a bootstrap over runs.</param>
/// <param name="HostLargeMessageIntercept">That regression's intercept: the fixed cost of a large (rendezvous) message,
/// which LogGP's L + 2o does not include.</param>
/// <param name="HostOverhead">o on an Omni-Path host: the inverse of the highest small-message rate of the
/// <c>osu_mbw_mr</c> table (an upper bound of o: the sender issues one message per 1/rate, and per-message CPU cost
/// cannot exceed it); interval: the inverses of the highest and lowest rates at sizes ≤ the small-message limit (a range,
/// not a confidence interval).</param>
/// <param name="HostLatency">L on the host: (L + 2o) − 2·<see cref="HostOverhead"/>.</param>
/// <param name="OmniPathGapPerByte">G of Omni-Path: 1 / the peak bandwidth of the <c>osu_mbw_mr</c> table (a figure; its
/// interval is the point).</param>
/// <param name="KnlOverheadFactor">The caller's o scaling from the host to KNL.</param>
/// <param name="Latency">L for KNL (profile <c>network.latencySeconds</c>): the host's L — wire, switch and NIC, not the
/// CPU.</param>
/// <param name="Overhead">o for KNL (profile <c>network.overheadSeconds</c>): <see cref="KnlOverheadFactor"/> × the host's o.</param>
/// <param name="GapPerByte">G for KNL on Omni-Path (profile <c>network.gapPerByteSeconds</c>): <see cref="OmniPathGapPerByte"/>.</param>
/// <param name="LargeMessageFit">Goodness of the large-message regression on its rows.</param>
/// <param name="Residuals">Per message size ≥ 1 B: the median measured latency against the host LogGP time
/// L + 2o + (m − 1)G (host L + 2o and host G); shows where one straight line misses (the eager-to-rendezvous step).</param>
public sealed record LogGpFitResult(
    string Env,
    string HostCpu,
    int Runs,
    ParameterEstimate HostLatencyPlusTwoOverhead,
    ParameterEstimate HostGapPerByte,
    ParameterEstimate HostLargeMessageIntercept,
    ParameterEstimate HostOverhead,
    ParameterEstimate HostLatency,
    ParameterEstimate OmniPathGapPerByte,
    double KnlOverheadFactor,
    ParameterEstimate Latency,
    ParameterEstimate Overhead,
    ParameterEstimate GapPerByte,
    GoodnessOfFit LargeMessageFit,
    ImmutableArray<LatencyResidual> Residuals);
