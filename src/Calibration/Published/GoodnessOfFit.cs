namespace PerfModel.Calibration.Published;

/// <summary>How well a fitted model reproduces the points it was fitted to.</summary>
/// <param name="Count">Points compared.</param>
/// <param name="RSquared">Coefficient of determination on the measured scale, R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² (1 when every
/// y is equal and fitted exactly; negative when the model does worse than the mean).</param>
/// <param name="RmsRelativeResidual">Root mean square of the relative residuals (y − ŷ) / y.</param>
/// <param name="MaxAbsRelativeResidual">Largest |(y − ŷ) / y|.</param>
public sealed record GoodnessOfFit(int Count, double RSquared, double RmsRelativeResidual, double MaxAbsRelativeResidual)
{
    /// <summary>The goodness of <paramref name="fitted"/> against <paramref name="measured"/> (same length, measured ≠ 0).</summary>
    internal static GoodnessOfFit Of(IReadOnlyList<double> measured, IReadOnlyList<double> fitted)
    {
        var n = measured.Count;
        var mean = measured.Average();
        double ssRes = 0, ssTot = 0, sumRel2 = 0, maxRel = 0;
        for (var i = 0; i < n; i++)
        {
            ssRes += (measured[i] - fitted[i]) * (measured[i] - fitted[i]);
            ssTot += (measured[i] - mean) * (measured[i] - mean);
            var rel = (measured[i] - fitted[i]) / measured[i];
            sumRel2 += rel * rel;
            maxRel = Math.Max(maxRel, Math.Abs(rel));
        }
        var r2 = ssTot > 0 ? 1 - ssRes / ssTot : ssRes == 0 ? 1 : double.NegativeInfinity;
        return new GoodnessOfFit(n, r2, Math.Sqrt(sumRel2 / n), maxRel);
    }
}
