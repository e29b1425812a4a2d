using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Calibration.Fitting;
using PerfModel.Communication;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Published;

/// <summary>
/// Fits LogGP (Alexandrov, Ionescu, Schauser, Scheiman, "LogGP: Incorporating Long Messages into the LogP Model", SPAA
/// 1995, doi:10.1145/215399.215427): one-way time T(m) = L + 2o + (m − 1)G, from published OSU measurements, and derives
/// the KNL parameters with an explicit o scaling (docs/sources.md#omni-path).
/// </summary>
/// <remarks>
/// <para><b>Runs.</b> In an <c>osu_latency</c> frame a run (one node pair) is a block of consecutive rows of the fitted
/// <c>env</c> whose sizes increase; a size not above the previous one starts the next run. Runs are the bootstrap's unit
/// (the pairs are the random draws of the study), resampled with replacement; 95% percentile intervals.</para>
/// <para><b>L + 2o</b> is the median over runs of each run's mean latency at 1 B ≤ m ≤
/// <see cref="LogGpFitOptions.SmallMessageMaxBytes"/> (0-byte messages are left out: LogGP's (m − 1)G is for m ≥ 1;
/// the mean (m − 1)G of 1, 2, 4 and 8 B, 2.75 G, is well below a picosecond on Omni-Path and not subtracted).
/// <b>G</b> is the ordinary-least-squares slope of latency on m over every row with m ≥
/// <see cref="LogGpFitOptions.LargeMessageMinBytes"/>; its intercept (the rendezvous handshake, tens of µs above L + 2o on
/// dane) is reported, not folded into L. Ping-pong cannot separate L from o; <b>o</b> comes from the
/// <c>osu_mbw_mr</c> small-message rate of an Omni-Path pair (an upper bound, see
/// <see cref="LogGpFitResult.HostOverhead"/>), and L = (L + 2o) − 2o.</para>
/// <para><b>KNL.</b> The measuring hosts are Xeons, not KNL. For KNL hosts: L stays (network, not CPU), o is multiplied by
/// the caller's <see cref="LogGpFitOptions.KnlOverheadFactor"/>, and G is the Omni-Path <c>osu_mbw_mr</c> peak. The dane
/// large-message slope is reported but not used for KNL: the study's files do not state dane's interconnect, and its
/// slope (about 13.3 GB/s) is above what one 100 Gb/s Omni-Path link carries (12.5 GB/s).</para>
/// </remarks>
public static class LogGpFit
{
    /// <summary>Fits LogGP to the <c>osu_latency</c> rows of <see cref="LogGpFitOptions.Env"/> and the
    /// <c>osu_mbw_mr</c> figures, and derives the KNL parameters (method in the remarks of <see cref="LogGpFit"/>).</summary>
    /// <param name="latency"><c>osu_latency</c> frames (e.g. the 64-, 128- and 256-node files of the study).</param>
    /// <param name="messageRate">An Omni-Path <c>osu_mbw_mr</c> table (its small-message rate gives o, its peak G).</param>
    /// <param name="options">The env, the host CPU and the KNL o scaling.</param>
    /// <param name="seed">Bootstrap seed.</param>
    /// <param name="resamples">Bootstrap resamples (≥ 1).</param>
    /// <exception cref="ArgumentException">A frame is not an <c>osu_latency</c> frame (its latency column is not
    /// <c>latency_us</c>), or the small-message limit is not below the large-message one.</exception>
    /// <exception cref="CalibrationException">Fewer than 3 runs with small messages, fewer than 3 large-message rows or a
    /// single large size, a slope ≤ 0, no message rate at small sizes, or L + 2o not above 2o.</exception>
    public static LogGpFitResult Fit(IEnumerable<OsuDataFrame> latency, OsuMbwMrTable messageRate, LogGpFitOptions options, int seed, int resamples = 1000)
    {
        ArgumentNullException.ThrowIfNull(latency);
        ArgumentNullException.ThrowIfNull(messageRate);
        ArgumentNullException.ThrowIfNull(options);
        Bootstrap.CheckResamples(resamples);
        if (options.SmallMessageMaxBytes >= options.LargeMessageMinBytes)
            throw new ArgumentException($"SmallMessageMaxBytes={options.SmallMessageMaxBytes} must be below LargeMessageMinBytes={options.LargeMessageMinBytes}", nameof(options));
        var frames = latency.ToArray();
        if (frames.Any(f => f is null)) throw new ArgumentException("a frame is null", nameof(latency));
        if (frames.FirstOrDefault(f => f?.LatencyColumn != "latency_us") is { } wrong)
            throw new ArgumentException($"{wrong.File} reports {wrong.LatencyColumn}, not latency_us: Fit takes osu_latency frames", nameof(latency));
        var runs = Runs(frames, options.Env);
        var small = runs.Select(r => SmallMean(r, options.SmallMessageMaxBytes)).Where(double.IsFinite).ToArray();
        if (small.Length < 3)
            throw new CalibrationException(CalibrationFailure.TooFewSamples,
                $"env '{options.Env}': {small.Length} run(s) with messages of 1 to {options.SmallMessageMaxBytes} B; at least 3 are needed (envs present: {string.Join(", ", frames.SelectMany(f => f.Rows).Select(r => r.Env).Distinct().Order(StringComparer.Ordinal))})");
        var large = runs.Select(r => r.Where(x => x.SizeBytes >= options.LargeMessageMinBytes).ToArray()).ToArray();
        var (slope, intercept) = PooledOls(large, null) ?? throw new CalibrationException(CalibrationFailure.DegenerateDesign,
            $"env '{options.Env}': the rows with m >= {options.LargeMessageMinBytes} B need at least 3 values at 2 or more sizes");
        if (!(slope > 0))
            throw new CalibrationException(CalibrationFailure.DegenerateDesign, $"env '{options.Env}': latency falls with message size above {options.LargeMessageMinBytes} B (slope {PlatformDataText.Fmt(slope)} s/B)");
        var lp2o = Median(small);

        var rng = Bootstrap.Rng(seed);
        var (bootL, bootG, bootI) = (new double[resamples], new double[resamples], new double[resamples]);
        var pick = new int[runs.Count];
        for (var b = 0; b < resamples; b++)
        {
            for (var i = 0; i < pick.Length; i++) pick[i] = rng.Next(pick.Length);
            var s = pick.Select(i => SmallMean(runs[i], options.SmallMessageMaxBytes)).Where(double.IsFinite).ToArray();
            bootL[b] = s.Length > 0 ? Median(s) : double.NaN;
            (bootG[b], bootI[b]) = PooledOls(large, pick) ?? (double.NaN, double.NaN);
        }

        var smallRates = messageRate.Rows.Where(r => r.SizeBytes <= options.SmallMessageMaxBytes).Select(r => r.MessagesPerSecond).ToArray();
        if (smallRates.Length == 0)
            throw new CalibrationException(CalibrationFailure.TooFewSamples, $"{messageRate.File}: no message rate at sizes <= {options.SmallMessageMaxBytes} B to bound o");
        var (o, oHigh) = (1 / smallRates.Max(), 1 / smallRates.Min());
        var gOpa = 1 / messageRate.Rows.Max(r => r.BytesPerSecond);
        if (!(lp2o > 2 * o))
            throw new CalibrationException(CalibrationFailure.DegenerateDesign, $"L + 2o = {PlatformDataText.Fmt(lp2o)} s is not above 2o = {PlatformDataText.Fmt(2 * o)} s: the latency runs and the message-rate table disagree");

        var host = $"env '{options.Env}', {options.HostCpu} hosts, not KNL";
        var runsText = string.Create(CultureInfo.InvariantCulture, $"{runs.Count} runs, bootstrap over runs ({resamples} resamples)");
        var lp2oEstimate = Estimate("host.latencyPlusTwoOverheadSeconds", lp2o, bootL, "s", $"median over runs of the mean osu_latency at 1-{options.SmallMessageMaxBytes} B; {host}; {runsText}");
        var gHost = Estimate("host.gapPerByteSeconds", slope, bootG, "s/B", $"OLS slope of osu_latency on size, m >= {options.LargeMessageMinBytes} B; {host}; {runsText}");
        var rate = $"osu_mbw_mr ({messageRate.File})";
        var oHost = new ParameterEstimate("host.overheadSeconds", o, o, oHigh, "s", $"1 / highest message rate at <= {options.SmallMessageMaxBytes} B, {rate}; range over those sizes, not a CI");
        var lHost = new ParameterEstimate("host.latencySeconds", lp2o - 2 * o, lp2oEstimate.Lower95 - 2 * o, lp2oEstimate.Upper95 - 2 * o, "s", "(L + 2o) - 2o; the interval is that of L + 2o");
        var f = options.KnlOverheadFactor.ToString("G4", CultureInfo.InvariantCulture);
        var gOpaEstimate = new ParameterEstimate("omniPath.gapPerByteSeconds", gOpa, gOpa, gOpa, "s/B", $"1 / peak bandwidth, {rate}");
        return new LogGpFitResult(options.Env, options.HostCpu, runs.Count,
            lp2oEstimate, gHost,
            Estimate("host.largeMessageInterceptSeconds", intercept, bootI, "s", gHost.Method.Replace("slope", "intercept", StringComparison.Ordinal)),
            oHost, lHost, gOpaEstimate, options.KnlOverheadFactor,
            lHost with { Name = "network.latencySeconds", Method = "host L (network, not CPU): " + lHost.Method },
            new ParameterEstimate("network.overheadSeconds", options.KnlOverheadFactor * o, options.KnlOverheadFactor * o, options.KnlOverheadFactor * oHigh, "s",
                $"KnlOverheadFactor {f} x host o ({oHost.Method})"),
            gOpaEstimate with { Name = "network.gapPerByteSeconds" },
            GoodnessOfFit.Of([.. large.SelectMany(r => r).Select(x => x.LatencySeconds)], [.. large.SelectMany(r => r).Select(x => intercept + slope * x.SizeBytes)]),
            Residuals(runs, lp2o, slope));
    }

    /// <summary>
    /// The fitted host LogGP against measured allreduces: for each node count of the <c>osu_allreduce</c> rows of the fit's
    /// env at <paramref name="sizeBytes"/>, the median measured time per call against the project's recursive-doubling
    /// allreduce (<see cref="LogGpCommunication.Collective"/>: ⌈log₂ P⌉ rounds for a power of two, each L + 2o + (m − 1)G)
    /// with one rank per node and the host's L, o and G; the combine cost m·γ is left out (γ = 0: 8 B at ~0.1 ns/B is
    /// below a nanosecond per round). The published runs' ranks per node are not recorded, so rounds inside a node are not
    /// modelled: the check is a sanity bound, not a validation.
    /// </summary>
    /// <exception cref="ArgumentException">A frame is not an <c>osu_allreduce</c> frame (its latency column is not
    /// <c>avg_latency_us</c>).</exception>
    /// <exception cref="CalibrationException">No allreduce row of the env at that size.</exception>
    public static ImmutableArray<AllreduceComparison> CheckAllreduce(LogGpFitResult fit, IEnumerable<OsuDataFrame> allreduce, long sizeBytes)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(allreduce);
        ArgumentOutOfRangeException.ThrowIfLessThan(sizeBytes, 1);
        var frames = allreduce.ToArray();
        if (frames.Any(f => f is null)) throw new ArgumentException("a frame is null", nameof(allreduce));
        if (frames.FirstOrDefault(f => f?.LatencyColumn != "avg_latency_us") is { } wrong)
            throw new ArgumentException($"{wrong.File} reports {wrong.LatencyColumn}, not avg_latency_us: CheckAllreduce takes osu_allreduce frames", nameof(allreduce));
        var groups = frames.SelectMany(f => f.Rows).Where(r => r.Env == fit.Env && r.SizeBytes == sizeBytes).GroupBy(r => r.Nodes).OrderBy(g => g.Key).ToArray();
        if (groups.Length == 0)
            throw new CalibrationException(CalibrationFailure.TooFewSamples, $"no allreduce rows of env '{fit.Env}' at {sizeBytes} B");
        var gap = TimeInterval.FromSeconds(fit.HostGapPerByte.Value);
        var model = new LogGpCommunication(new Interconnect
        {
            Latency = TimeInterval.FromSeconds(fit.HostLatency.Value),
            Overhead = TimeInterval.FromSeconds(fit.HostOverhead.Value),
            GapPerByte = gap,
            IntraNodeLatency = TimeInterval.Zero,
            IntraNodeGapPerByte = gap,
            ReducePerByte = TimeInterval.Zero,
        });
        return [.. groups.Select(g => new AllreduceComparison(g.Key, g.Count(), Median(g.Select(r => r.LatencySeconds).ToArray()),
            model.Collective(CollectiveKind.Allreduce, ByteSize.FromBytes(sizeBytes), g.Key, ranksPerNode: 1).Seconds))];
    }

    /// <summary>Runs of <paramref name="env"/>: per frame, blocks of consecutive rows with increasing sizes.</summary>
    internal static List<OsuRow[]> Runs(OsuDataFrame[] frames, string env)
    {
        var runs = new List<OsuRow[]>();
        foreach (var frame in frames)
        {
            var current = new List<OsuRow>();
            foreach (var row in frame.Rows.Where(r => string.Equals(r.Env, env, StringComparison.Ordinal)))
            {
                if (current.Count > 0 && row.SizeBytes <= current[^1].SizeBytes)
                {
                    runs.Add([.. current]);
                    current.Clear();
                }
                current.Add(row);
            }
            if (current.Count > 0) runs.Add([.. current]);
        }
        return runs;
    }

    private static double SmallMean(OsuRow[] run, long maxBytes)
    {
        double sum = 0;
        var count = 0;
        foreach (var row in run)
            if (row.SizeBytes >= 1 && row.SizeBytes <= maxBytes)
            {
                sum += row.LatencySeconds;
                count++;
            }
        return count > 0 ? sum / count : double.NaN;
    }

    /// <summary>OLS of latency on size over the rows of the runs <paramref name="pick"/> (all when null); null when fewer
    /// than 3 rows or one size only.</summary>
    private static (double Slope, double Intercept)? PooledOls(OsuRow[][] large, int[]? pick)
    {
        var runs = pick is null ? large : pick.Select(i => large[i]).ToArray();
        var count = runs.Sum(r => r.Length);
        if (count < 3) return null;
        double mx = 0, my = 0;
        foreach (var row in runs.SelectMany(r => r))
        {
            mx += row.SizeBytes;
            my += row.LatencySeconds;
        }
        mx /= count;
        my /= count;
        double sxx = 0, sxy = 0;
        foreach (var row in runs.SelectMany(r => r))
        {
            sxx += (row.SizeBytes - mx) * (row.SizeBytes - mx);
            sxy += (row.SizeBytes - mx) * (row.LatencySeconds - my);
        }
        if (!(sxx > 0)) return null;
        var slope = sxy / sxx;
        return (slope, my - slope * mx);
    }

    private static ImmutableArray<LatencyResidual> Residuals(List<OsuRow[]> runs, double lp2o, double gap) =>
    [
        .. runs.SelectMany(r => r).Where(r => r.SizeBytes >= 1).GroupBy(r => r.SizeBytes).OrderBy(g => g.Key)
            .Select(g => new LatencyResidual(g.Key, Median(g.Select(r => r.LatencySeconds).ToArray()), lp2o + (g.Key - 1) * gap)),
    ];

    private static ParameterEstimate Estimate(string name, double value, double[] replicates, string unit, string method)
    {
        var (lower, upper) = Bootstrap.Percentile95(replicates);
        return new ParameterEstimate(name, value, lower, upper, unit, method);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
