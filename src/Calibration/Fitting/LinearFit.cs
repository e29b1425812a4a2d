using System.Globalization;
using PerfModel.Calibration.Measurements;

namespace PerfModel.Calibration.Fitting;

/// <summary>Straight-line fits of a measured series.</summary>
public static class LinearFit
{
    /// <summary>
    /// Ordinary least squares: slope b = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)², intercept a = ȳ − b·x̄, R² = 1 − Σ(y−a−bx)² / Σ(y−ȳ)².
    /// The 95% intervals are percentile intervals of a pairs bootstrap: <paramref name="resamples"/> times, n pairs are drawn
    /// with replacement and refitted (a resample whose x values are all equal cannot be fitted and is redrawn).
    /// Resampling pairs rather than residuals keeps the interval honest when the noise grows with x.
    /// </summary>
    /// <param name="s">The series (x and y in their own units; the fit does not convert them).</param>
    /// <param name="slopeName">Name of the slope estimate; the intercept is named <c>slopeName + "Intercept"</c>.</param>
    /// <param name="unit">Unit of the slope (y unit per x unit).</param>
    /// <param name="seed">Bootstrap seed.</param>
    /// <param name="resamples">Bootstrap resamples (≥ 1).</param>
    /// <exception cref="CalibrationException">Fewer than 3 pairs, x and y of different lengths or constant x, or a non-finite value.</exception>
    public static LinearFitResult Fit(Series s, string slopeName, string unit, int seed, int resamples = 1000)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentException.ThrowIfNullOrWhiteSpace(slopeName);
        Bootstrap.CheckResamples(resamples);
        var x = s.X.IsDefault ? [] : s.X.ToArray();
        var y = s.Y.IsDefault ? [] : s.Y.ToArray();
        var what = $"series '{s.Name}'";
        if (x.Length != y.Length)
            throw new CalibrationException(CalibrationFailure.DegenerateDesign, $"{what}: {x.Length} x values but {y.Length} y values; they must pair up");
        Bootstrap.CheckSample(x, what + " (x)");
        Bootstrap.CheckSample(y, what + " (y)");
        if (x.All(v => v == x[0]))
            throw new CalibrationException(CalibrationFailure.DegenerateDesign, $"{what}: every x is {x[0].ToString("G6", CultureInfo.InvariantCulture)}; a slope needs at least two distinct x values");

        var (slope, intercept) = Ols(x, y, null);
        var ssTot = 0.0;
        var ssRes = 0.0;
        var yMean = y.Average();
        for (var i = 0; i < x.Length; i++)
        {
            ssTot += (y[i] - yMean) * (y[i] - yMean);
            var r = y[i] - intercept - slope * x[i];
            ssRes += r * r;
        }
        var r2 = ssTot > 0 ? 1 - ssRes / ssTot : 1;

        var rng = Bootstrap.Rng(seed);
        var slopes = new List<double>(resamples);
        var intercepts = new List<double>(resamples);
        var idx = new int[x.Length];
        for (var b = 0; b < resamples; b++)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                for (var i = 0; i < idx.Length; i++) idx[i] = rng.Next(idx.Length);
                if (idx.Any(i => x[i] != x[idx[0]])) break;
            }
            if (idx.All(i => x[i] == x[idx[0]])) continue;
            var (bs, bi) = Ols(x, y, idx);
            slopes.Add(bs);
            intercepts.Add(bi);
        }
        var (sl, su) = Bootstrap.Percentile95(slopes);
        var (il, iu) = Bootstrap.Percentile95(intercepts);
        var method = $"OLS slope (n={x.Length}, R²={r2.ToString("F4", CultureInfo.InvariantCulture)}, pairs bootstrap B={slopes.Count})";
        return new LinearFitResult(
            new ParameterEstimate(slopeName, slope, sl, su, unit, method),
            new ParameterEstimate(slopeName + "Intercept", intercept, il, iu, s.YUnit, method.Replace("OLS slope", "OLS intercept", StringComparison.Ordinal)),
            r2, x.Length);
    }

    /// <summary>OLS on the pairs picked by <paramref name="idx"/> (all pairs when null), by centred sums.</summary>
    private static (double Slope, double Intercept) Ols(double[] x, double[] y, int[]? idx)
    {
        var n = idx?.Length ?? x.Length;
        double sx = 0, sy = 0;
        for (var k = 0; k < n; k++)
        {
            var i = idx is null ? k : idx[k];
            sx += x[i];
            sy += y[i];
        }
        var mx = sx / n;
        var my = sy / n;
        double sxx = 0, sxy = 0;
        for (var k = 0; k < n; k++)
        {
            var i = idx is null ? k : idx[k];
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        var slope = sxy / sxx;
        return (slope, my - slope * mx);
    }
}
