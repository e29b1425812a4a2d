using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Calibration.Fitting;

namespace PerfModel.Calibration.Published;

/// <summary>
/// Fits the run-to-run variation of the network from repeated OSU runs (docs/sources.md#network-run-variation): the σ of a
/// log-normal factor that a run keeps on its communication time.
/// </summary>
/// <remarks>
/// <para><b>What is a different run.</b> In an <c>osu_allreduce</c> frame each run is one launch of the benchmark at a node
/// count: a block of consecutive rows of the env whose sizes increase (<see cref="LogGpFit"/>'s rule), 4 B to 1 MiB. Each
/// value is already the average over many calls inside the run, so the call-to-call jitter is averaged out; what differs
/// from one run to the next is the run's state (placement, routes, traffic of other jobs, the MPI library's set-up). That
/// is what separates the 5 runs of one application in P18, so the allreduce runs, not the <c>osu_latency</c> node pairs,
/// stand for "a different run of the same job". The pair-to-pair spread of <c>osu_latency</c> is a spread inside one
/// allocation: a run over many nodes crosses hundreds of pairs, and its communication time moves with their average, not
/// with one pair; it is reported (<see cref="NetworkRunVariationFitResult.PairLogSd"/>), not used.</para>
/// <para><b>Why 8 B.</b> The applications' collectives are small (dot products and norms, 8 B), and at 8 B the time is
/// latency-bound (the LogGP L + 2o per round), the regime of the halo exchanges' per-message cost too. Large allreduces
/// vary less (the bandwidth term dominates) and the 8 KiB-256 KiB sizes cross the eager-to-rendezvous step, which varies
/// most; neither is the applications' case.</para>
/// <para><b>Persistent part.</b> Model ln t(run, m) = μ_m + u_run + e(run, m): u is the run's factor, e what changes within
/// the run from one size to the next (seconds apart). Then cov over runs of ln t(8 B) and ln t(4 B) = Var u, whatever the
/// e's variance, provided the e's are independent between the two sizes. 4 B is the partner because it is the same
/// operation in the same regime (the medians of 4 B and 8 B agree within 2%; 16 B is 40-60% slower, another algorithm or
/// protocol). σ_run = √(pooled covariance), pooled over node counts with each node count's own means (n − 1 degrees of
/// freedom each); no trend with node count is fitted (three node counts, 64-256). The total log-sd of 8 B is the upper
/// bound (all of e counted as persistent). Intervals: 95% percentile bootstrap, runs resampled within each node count.</para>
/// </remarks>
public static class NetworkRunVariationFit
{
    /// <summary>The allreduce size fitted: 8 B.</summary>
    public const long SizeBytes = 8;

    /// <summary>The size whose covariance with <see cref="SizeBytes"/> gives the persistent part: 4 B.</summary>
    public const long PartnerSizeBytes = 4;

    /// <summary>Fits σ_run (method in the remarks of <see cref="NetworkRunVariationFit"/>) from the <c>osu_allreduce</c>
    /// rows of <paramref name="env"/>, and the node-pair spread from its <c>osu_latency</c> rows.</summary>
    /// <param name="allreduce"><c>osu_allreduce</c> frames (latency column <c>avg_latency_us</c>).</param>
    /// <param name="latency"><c>osu_latency</c> frames (latency column <c>latency_us</c>); one frame is one allocation.</param>
    /// <param name="env">The system, e.g. <c>dane</c>.</param>
    /// <param name="seed">Bootstrap seed.</param>
    /// <param name="resamples">Bootstrap resamples (≥ 1).</param>
    /// <exception cref="ArgumentException">A frame of the wrong benchmark.</exception>
    /// <exception cref="CalibrationException">A node count with fewer than 3 runs that have both sizes, no such node count,
    /// or fewer than 3 node pairs in an allocation.</exception>
    public static NetworkRunVariationFitResult Fit(IEnumerable<OsuDataFrame> allreduce, IEnumerable<OsuDataFrame> latency, string env, int seed, int resamples = 1000)
    {
        ArgumentNullException.ThrowIfNull(allreduce);
        ArgumentNullException.ThrowIfNull(latency);
        ArgumentException.ThrowIfNullOrWhiteSpace(env);
        Bootstrap.CheckResamples(resamples);
        var reduceFrames = Frames(allreduce, "avg_latency_us", nameof(allreduce));
        var latencyFrames = Frames(latency, "latency_us", nameof(latency));

        // Per node count: (ln t(8 B), ln t(4 B)) of every run that has both.
        var groups = LogGpFit.Runs(reduceFrames, env)
            .Select(run => (Nodes: run[0].Nodes, At: Value(run, SizeBytes), Partner: Value(run, PartnerSizeBytes)))
            .Where(r => double.IsFinite(r.At) && double.IsFinite(r.Partner))
            .GroupBy(r => r.Nodes).OrderBy(g => g.Key)
            .Select(g => (Nodes: g.Key, Runs: g.Select(r => (X: Math.Log(r.At), Y: Math.Log(r.Partner))).ToArray()))
            .ToArray();
        if (groups.Length == 0)
            throw new CalibrationException(CalibrationFailure.TooFewSamples, $"env '{env}': no osu_allreduce run with both {PartnerSizeBytes} B and {SizeBytes} B");
        if (groups.FirstOrDefault(g => g.Runs.Length < 3) is { Runs: not null } few)
            throw new CalibrationException(CalibrationFailure.TooFewSamples, $"env '{env}': {few.Runs.Length} osu_allreduce run(s) at {few.Nodes} nodes with both {PartnerSizeBytes} B and {SizeBytes} B; at least 3 are needed");

        var perNodes = groups.Select(g => new RunVariationAtNodes(g.Nodes, g.Runs.Length, Median(g.Runs.Select(r => Math.Exp(r.X))),
            Math.Sqrt(Moments(g.Runs).Vxx / (g.Runs.Length - 1)), Math.Sqrt(Math.Max(0, Moments(g.Runs).Cxy / (g.Runs.Length - 1))))).ToImmutableArray();
        var (persistent, total) = Pooled(groups.Select(g => g.Runs));

        var pairs = latencyFrames.Select(f => LogGpFit.Runs([f], env).Select(r => Value(r, SizeBytes)).Where(double.IsFinite).Select(v => Math.Log(v)).ToArray()).Where(a => a.Length > 0).ToArray();
        if (pairs.Length == 0 || pairs.Any(a => a.Length < 3))
            throw new CalibrationException(CalibrationFailure.TooFewSamples, $"env '{env}': an osu_latency allocation has fewer than 3 node pairs with {SizeBytes} B");
        var pairSd = PooledSd(pairs);

        var rng = Bootstrap.Rng(seed);
        var (bootP, bootT, bootPair) = (new double[resamples], new double[resamples], new double[resamples]);
        for (var b = 0; b < resamples; b++)
        {
            (bootP[b], bootT[b]) = Pooled(groups.Select(g => Resample(g.Runs, rng)));
            bootPair[b] = PooledSd(pairs.Select(a => Resample(a, rng)));
        }

        var counts = string.Join(", ", perNodes.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Runs} at {p.Nodes}")));
        var runs = string.Create(CultureInfo.InvariantCulture, $"osu_allreduce runs of env '{env}' ({counts} nodes); bootstrap over runs within each node count ({resamples} resamples, seed {seed})");
        return new NetworkRunVariationFitResult(env, SizeBytes, PartnerSizeBytes, perNodes,
            Estimate("network.runToRunLogSd", persistent, bootP, $"sqrt of the pooled covariance over runs of ln t({SizeBytes} B) and ln t({PartnerSizeBytes} B); {runs}"),
            Estimate("allreduce.totalLogSd", total, bootT, $"pooled sd over runs of ln t({SizeBytes} B); {runs}"),
            Estimate("latency.pairLogSd", pairSd, bootPair, string.Create(CultureInfo.InvariantCulture,
                $"pooled sd over the node pairs of each allocation of ln osu_latency({SizeBytes} B); {pairs.Sum(a => a.Length)} pairs in {pairs.Length} allocations of env '{env}'; bootstrap over pairs")),
            pairs.Sum(a => a.Length));
    }

    private static OsuDataFrame[] Frames(IEnumerable<OsuDataFrame> frames, string column, string parameter)
    {
        var all = frames.ToArray();
        if (all.Any(f => f is null)) throw new ArgumentException("a frame is null", parameter);
        if (all.FirstOrDefault(f => f.LatencyColumn != column) is { } wrong)
            throw new ArgumentException($"{wrong.File} reports {wrong.LatencyColumn}, not {column}", parameter);
        return all;
    }

    /// <summary>The run's time at <paramref name="size"/> (the first row of that size), NaN when it has none.</summary>
    private static double Value(OsuRow[] run, long size)
    {
        foreach (var row in run)
            if (row.SizeBytes == size) return row.LatencySeconds;
        return double.NaN;
    }

    /// <summary>Σ (x − x̄)², Σ (x − x̄)(y − ȳ) of one node count.</summary>
    private static (double Vxx, double Cxy) Moments(IReadOnlyList<(double X, double Y)> runs)
    {
        double mx = 0, my = 0;
        foreach (var (x, y) in runs)
        {
            mx += x;
            my += y;
        }
        mx /= runs.Count;
        my /= runs.Count;
        double vxx = 0, cxy = 0;
        foreach (var (x, y) in runs)
        {
            vxx += (x - mx) * (x - mx);
            cxy += (x - mx) * (y - my);
        }
        return (vxx, cxy);
    }

    /// <summary>(√max(0, pooled covariance), pooled sd of x), each node count centred on its own means.</summary>
    private static (double Persistent, double Total) Pooled(IEnumerable<IReadOnlyList<(double X, double Y)>> groups)
    {
        double vxx = 0, cxy = 0;
        var df = 0;
        foreach (var g in groups)
        {
            var m = Moments(g);
            vxx += m.Vxx;
            cxy += m.Cxy;
            df += g.Count - 1;
        }
        return (Math.Sqrt(Math.Max(0, cxy / df)), Math.Sqrt(vxx / df));
    }

    private static double PooledSd(IEnumerable<IReadOnlyList<double>> groups) => Pooled(groups.Select(g => (IReadOnlyList<(double, double)>)[.. g.Select(x => (x, x))])).Total;

    private static T[] Resample<T>(IReadOnlyList<T> items, Random rng)
    {
        var picked = new T[items.Count];
        for (var i = 0; i < picked.Length; i++) picked[i] = items[rng.Next(items.Count)];
        return picked;
    }

    private static ParameterEstimate Estimate(string name, double value, double[] replicates, string method)
    {
        var (lower, upper) = Bootstrap.Percentile95(replicates);
        return new ParameterEstimate(name, value, lower, upper, "1", method);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
