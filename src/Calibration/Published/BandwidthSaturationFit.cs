using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Calibration.Fitting;

namespace PerfModel.Calibration.Published;

/// <summary>
/// Fits the saturation of a memory tier's bandwidth with the cores that use it: b(n) = min(β n, B), each core adding β
/// until the tier's bandwidth B is reached at the knee n* = B / β (the multicore scaling of the ECM model: G. Hager,
/// J. Treibig, J. Habich, G. Wellein, "Exploring performance and power properties of modern multi-core chips via simple
/// machine models", Concurrency and Computation: Practice and Experience 28(2), 2016, doi:10.1002/cpe.3180).
/// </summary>
/// <remarks>
/// <para><b>Points used.</b> Only thread counts n ≤ <c>appCores</c>: the application runs one rank or thread per core, and
/// points beyond (SMT oversubscription, 128 and 256 threads on KNL's 64 application cores) measure hyper-threads competing
/// for a core, not more cores; they are listed in <see cref="BandwidthSaturationFitResult.ExcludedThreads"/>.</para>
/// <para><b>Least squares on the log scale.</b> The rates span 40× (11.8 to 421.7 GB/s on KNL MCDRAM) and STREAM's
/// run-to-run variation is proportional to the rate, so the fit minimises Σ(ln b − ln b̂)²: every point counts by its
/// relative error (ln b − ln b̂ ≈ (b − b̂)/b), and multiplicative noise leaves the estimates unbiased (minimising
/// Σ((b − b̂)/b)² instead would pull them down by about 1.5σ² for noise of relative size σ). With
/// ln b̂ = ln β + ln min(n, κ) the problem is linear in ln β for a fixed knee κ; the minimum is found exactly by trying
/// every assignment of points to the rising part and the plateau (the unconstrained optimum of each, kept when its knee
/// falls between the two points that define it) and every knee at a measured thread count.</para>
/// <para><b>Why the hard knee and not the smooth b(n) = B(1 − exp(−β n / B)).</b> Fitted the same way to the KNL data
/// (n ≤ 64), the smooth model is not clearly better: its rms relative residual is lower on MCDRAM (4.5 % against 5.7 %)
/// and higher on DDR4 (7.2 % against 5.9 %). And its plateau is an extrapolation: B = 630 GB/s for MCDRAM, 49 % above
/// the highest rate measured and above Intel's 450–490 GB/s with streaming stores, and 92.7 GB/s for DDR4, 5 % above.
/// min(β n, B) keeps B at the measured plateau. Its residual pattern is reported, not hidden
/// (<see cref="BandwidthSaturationFitResult.Residuals"/>): MCDRAM +6 % at 1 thread and −13 % at 32, where the rate bends
/// early; DDR4 +8 % at 1 and −13 % at 8. Numbers and intervals in docs/sources.md#knl-stream.</para>
/// <para><b>Intervals.</b> A residual bootstrap on the log scale (B. Efron, R. Tibshirani, "An Introduction to the
/// Bootstrap", Chapman &amp; Hall 1993, ch. 9): the thread counts are a design, not a sample, so they stay fixed; the
/// log residuals ln b − ln b̂, centred and inflated by √(N/(N − 3)) for the three fitted quantities (β, B and the knee's
/// place; A. C. Davison, D. V. Hinkley, "Bootstrap Methods and their Application", Cambridge 1997, §6.2.3), are drawn
/// with replacement onto the fitted curve and the model is refitted; 95 % percentile intervals of β, B and n*.</para>
/// </remarks>
public static class BandwidthSaturationFit
{
    /// <summary>Fits b(n) = min(β n, B) to the points with n ≤ <paramref name="appCores"/> (method in the remarks of
    /// <see cref="BandwidthSaturationFit"/>).</summary>
    /// <param name="points">Measured rates, e.g. <see cref="StreamTriadTier.Points"/>.</param>
    /// <param name="appCores">Cores the application uses (64 on KNL); points with more threads are excluded.</param>
    /// <param name="seed">Bootstrap seed.</param>
    /// <param name="resamples">Bootstrap resamples (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="appCores"/> &lt; 1 or <paramref name="resamples"/> &lt; 1.</exception>
    /// <exception cref="CalibrationException">Fewer than 4 points with n ≤ <paramref name="appCores"/>, a thread count below 1
    /// or repeated, or a rate that is not finite and positive.</exception>
    public static BandwidthSaturationFitResult Fit(IEnumerable<StreamTriadPoint> points, int appCores, int seed, int resamples = 1000)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(appCores, 1);
        Bootstrap.CheckResamples(resamples);
        var all = points.ToArray();
        if (all.Any(p => p is null)) throw new ArgumentException("a point is null", nameof(points));
        var used = all.Where(p => p.Threads <= appCores).OrderBy(p => p.Threads).ToArray();
        var excluded = all.Where(p => p.Threads > appCores).Select(p => p.Threads).Order().ToImmutableArray();
        Check(used, appCores);
        var n = used.Select(p => (double)p.Threads).ToArray();
        var b = used.Select(p => p.BytesPerSecond).ToArray();

        var (beta, knee) = Solve(n, b);
        var fitted = n.Select(x => beta * Math.Min(x, knee)).ToArray();
        var betaLinear = LinearSlope(n, b);

        var rng = Bootstrap.Rng(seed);
        var logResiduals = b.Select((v, i) => Math.Log(v / fitted[i])).ToArray();
        var centre = logResiduals.Average();
        var inflation = Math.Sqrt(n.Length / (n.Length - 3.0)); // three fitted quantities: β, B and where the knee falls
        for (var i = 0; i < logResiduals.Length; i++) logResiduals[i] = (logResiduals[i] - centre) * inflation;
        var betas = new double[resamples];
        var plateaus = new double[resamples];
        var knees = new double[resamples];
        var replicate = new double[b.Length];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < replicate.Length; i++) replicate[i] = fitted[i] * Math.Exp(logResiduals[rng.Next(logResiduals.Length)]);
            var (rb, rk) = Solve(n, replicate);
            (betas[r], plateaus[r], knees[r]) = (rb, rb * rk, rk);
        }

        var method = string.Create(CultureInfo.InvariantCulture,
            $"least squares of ln b, b(n) = min(beta n, B), {n.Length} points with n <= {appCores}; log-residual bootstrap, {resamples} resamples");
        return new BandwidthSaturationFitResult(
            Estimate("perCoreBandwidthBytesPerSecond", beta, betas, "B/s per core", method),
            Estimate("saturatedBandwidthBytesPerSecond", beta * knee, plateaus, "B/s", method),
            Estimate("kneeCores", knee, knees, "cores", method),
            knee < n[^1] * (1 - 1e-9),
            GoodnessOfFit.Of(b, fitted),
            GoodnessOfFit.Of(b, n.Select(x => betaLinear * x).ToArray()),
            [.. used.Select((p, i) => new SaturationResidual(p.Threads, p.BytesPerSecond, fitted[i]))],
            excluded,
            appCores);
    }

    private static void Check(StreamTriadPoint[] used, int appCores)
    {
        if (used.Length < 4)
            throw new CalibrationException(CalibrationFailure.TooFewSamples, $"{used.Length} point(s) with at most {appCores} threads; the saturation fit needs at least 4 (3 fitted quantities and one residual)");
        for (var i = 0; i < used.Length; i++)
        {
            if (used[i].Threads < 1)
                throw new CalibrationException(CalibrationFailure.DegenerateDesign, $"threads={used[i].Threads}, but it should be >= 1");
            if (i > 0 && used[i].Threads == used[i - 1].Threads)
                throw new CalibrationException(CalibrationFailure.DegenerateDesign, $"{used[i].Threads} threads appears twice; give one rate per thread count");
            if (!double.IsFinite(used[i].BytesPerSecond) || !(used[i].BytesPerSecond > 0))
                throw new CalibrationException(CalibrationFailure.NonFiniteInput, $"the rate at {used[i].Threads} threads is {PlatformDataText.Fmt(used[i].BytesPerSecond)} B/s; rates must be finite and > 0");
        }
    }

    private static ParameterEstimate Estimate(string name, double value, double[] replicates, string unit, string method)
    {
        var (lower, upper) = Bootstrap.Percentile95(replicates);
        return new ParameterEstimate(name, value, lower, upper, unit, method);
    }

    /// <summary>
    /// The exact minimiser of Σ(ln b − ln β − ln min(n, κ))² over β and κ ∈ [n₁, n_N], for n ascending and distinct: every
    /// knee at a measured n (ln β = mean of ln b − ln min(n, κ) for that κ), and for every split j the unconstrained
    /// optimum with points ≤ j on the rising part (ln β = mean of ln b − ln n) and the rest on the plateau (ln B = mean of
    /// ln b), kept when n_j &lt; B/β &lt; n_(j+1). Ties keep the first candidate.
    /// </summary>
    internal static (double Beta, double Knee) Solve(double[] n, double[] b)
    {
        var lnN = n.Select(x => Math.Log(x)).ToArray();
        var lnB = b.Select(x => Math.Log(x)).ToArray();
        var best = (Sse: double.PositiveInfinity, LnBeta: double.NaN, Knee: double.NaN);
        foreach (var knee in n)
        {
            var lnKnee = Math.Log(knee);
            var lnBeta = 0.0;
            for (var i = 0; i < n.Length; i++) lnBeta += lnB[i] - Math.Min(lnN[i], lnKnee);
            lnBeta /= n.Length;
            var sse = Sse(lnN, lnB, lnBeta, lnKnee);
            if (sse < best.Sse) best = (sse, lnBeta, knee);
        }
        for (var j = 0; j < n.Length - 1; j++)
        {
            double rising = 0, plateau = 0;
            for (var i = 0; i <= j; i++) rising += lnB[i] - lnN[i];
            for (var i = j + 1; i < n.Length; i++) plateau += lnB[i];
            var lnBeta = rising / (j + 1);
            var lnKnee = plateau / (n.Length - j - 1) - lnBeta;
            if (!(lnKnee > lnN[j] && lnKnee < lnN[j + 1])) continue;
            var sse = Sse(lnN, lnB, lnBeta, lnKnee);
            if (sse < best.Sse) best = (sse, lnBeta, Math.Exp(lnKnee));
        }
        return (Math.Exp(best.LnBeta), best.Knee);
    }

    private static double Sse(double[] lnN, double[] lnB, double lnBeta, double lnKnee)
    {
        var sse = 0.0;
        for (var i = 0; i < lnN.Length; i++)
        {
            var r = lnB[i] - lnBeta - Math.Min(lnN[i], lnKnee);
            sse += r * r;
        }
        return sse;
    }

    /// <summary>β of b(n) = β n by the same log-scale least squares: exp(mean of ln b − ln n).</summary>
    private static double LinearSlope(double[] n, double[] b) => Math.Exp(n.Select((x, i) => Math.Log(b[i] / x)).Average());
}
