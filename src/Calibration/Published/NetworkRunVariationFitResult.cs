using System.Collections.Immutable;
using PerfModel.Calibration.Fitting;

namespace PerfModel.Calibration.Published;

/// <summary>
/// The run-to-run variation of the network fitted by <see cref="NetworkRunVariationFit.Fit"/>: the log-normal σ of a
/// factor that one run (one launch of a job) keeps on its communication time, from repeated <c>osu_allreduce</c> runs,
/// and, separately, the spread between node pairs of one allocation from <c>osu_latency</c>. Dimensionless σ of natural
/// logarithms; each estimate with its 95% bootstrap interval and method.
/// </summary>
/// <param name="Env">The <c>env</c> fitted (e.g. <c>dane</c>).</param>
/// <param name="SizeBytes">The allreduce size fitted (8 B).</param>
/// <param name="PartnerSizeBytes">The size whose run-by-run covariance with <paramref name="SizeBytes"/> separates the
/// persistent part (4 B).</param>
/// <param name="PerNodeCount">Per node count: runs, median, total and persistent log-sd.</param>
/// <param name="Persistent">σ_run, the profile's <c>network.runToRunLogSd</c>: √(pooled covariance of ln t(8 B) and
/// ln t(4 B) over runs, centred per node count); interval from a bootstrap over runs within each node count.</param>
/// <param name="Total">The pooled log-sd of t(8 B) over runs (an upper bound of σ_run: it counts the deviation that does
/// not last through a run as persistent too).</param>
/// <param name="PairLogSd">Pooled log-sd over the node pairs of one allocation of the <c>osu_latency</c> time at
/// <paramref name="SizeBytes"/>: the spread between node pairs, reported, not a run-to-run quantity (a run over many nodes
/// crosses many pairs).</param>
/// <param name="Pairs">Node pairs in <paramref name="PairLogSd"/>.</param>
public sealed record NetworkRunVariationFitResult(
    string Env,
    long SizeBytes,
    long PartnerSizeBytes,
    ImmutableArray<RunVariationAtNodes> PerNodeCount,
    ParameterEstimate Persistent,
    ParameterEstimate Total,
    ParameterEstimate PairLogSd,
    int Pairs);
