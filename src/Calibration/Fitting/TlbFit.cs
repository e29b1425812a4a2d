using PerfModel.Calibration.Measurements;

namespace PerfModel.Calibration.Fitting;

/// <summary>
/// TLB reach and miss penalties from a page-stride pointer chase (one access per page, ns per access against the working
/// set). Points at the same working set are pooled by their median. Knee 1 is the first size whose time jumps by ≥ 1.5×
/// over the previous size: the first-level TLB no longer covers the working set, so its reach lies in
/// (x_{k−1}, x_k] — reported as x_{k−1} with that bracket as the interval. Knee 2 is the first later size ≥ 1.5× the
/// plateau between the knees: the second level's reach. Penalties: first-level miss (second-level hit) = plateau − base;
/// page walk = the time just past knee 2 − plateau, with intervals from the spread of the points they are made of.
/// A chase with fewer than two knees cannot give both levels, and one whose plateau lies below the baseline (or whose
/// time past the second knee lies below the plateau: a machine busier while some sizes ran) gives no penalty; both throw
/// <see cref="CalibrationException"/>.
/// </summary>
public static class TlbFit
{
    /// <summary>A knee is a rise in access time by at least this factor.</summary>
    public const double KneeRatio = 1.5;

    /// <summary>Fits the chase (x = working set in bytes, y = time per access in ns, us or s).</summary>
    /// <param name="chase">The pointer-chase series.</param>
    /// <param name="page">Page size the chase ran on (entries = reach / page).</param>
    /// <param name="namePrefix">Prefix of the estimate names: &lt;prefix&gt;.firstLevelReachBytes, .secondLevelReachBytes,
    /// .firstLevelMissPenaltySeconds and .walkPenaltySeconds.</param>
    /// <exception cref="CalibrationException">Fewer than 5 points, a non-finite or non-positive value, an unknown time unit,
    /// fewer than two knees, or a time per access that falls past a knee.</exception>
    public static TlbFitResult Fit(Series chase, ByteSize page, string namePrefix = "tlb")
    {
        ArgumentNullException.ThrowIfNull(chase);
        ArgumentException.ThrowIfNullOrWhiteSpace(namePrefix);
        if (chase.Count < 5) throw new CalibrationException(CalibrationFailure.TooFewSamples, $"{chase.Name}: {chase.Count} points; a TLB fit needs at least 5 working-set sizes");
        if (chase.Y.Any(v => !double.IsFinite(v) || v <= 0) || chase.X.Any(v => !double.IsFinite(v) || v <= 0))
            throw new CalibrationException(CalibrationFailure.NonFiniteInput, $"{chase.Name}: sizes and times must be finite and > 0");
        var toSeconds = chase.YUnit.Split('/')[0].Trim() switch { "ns" => 1e-9, "us" => 1e-6, "s" => 1.0, var u => throw new CalibrationException(CalibrationFailure.UnknownUnit, $"{chase.Name}: unit '{u}' is not known; expected ns, us or s") };
        var points = chase.X.Zip(chase.Y).GroupBy(p => p.First).OrderBy(g => g.Key)
            .Select(g => (X: g.Key, Y: MathNet.Numerics.Statistics.Statistics.Median(g.Select(p => p.Second)))).ToArray();
        var k1 = Enumerable.Range(1, points.Length - 1).FirstOrDefault(i => points[i].Y >= KneeRatio * points[i - 1].Y);
        if (k1 == 0) throw new CalibrationException(CalibrationFailure.DegenerateDesign, $"{chase.Name}: no jump of {KneeRatio}x in access time; the chase never left the first-level TLB");
        var k2 = 0;
        for (var i = k1 + 1; i < points.Length; i++)
        {
            var plateau = MathNet.Numerics.Statistics.Statistics.Median(points[k1..i].Select(p => p.Y));
            if (points[i].Y >= KneeRatio * plateau) { k2 = i; break; }
        }
        if (k2 == 0) throw new CalibrationException(CalibrationFailure.DegenerateDesign, $"{chase.Name}: only one knee; the chase did not pass the second-level TLB reach");
        var baseline = points[..k1].Select(p => p.Y).ToArray();
        var plateauPoints = points[k1..k2].Select(p => p.Y).ToArray();
        var b = MathNet.Numerics.Statistics.Statistics.Median(baseline);
        var pl = MathNet.Numerics.Statistics.Statistics.Median(plateauPoints);
        var after = points[k2].Y;
        // A penalty is a rise in time per access: a plateau below the baseline, or a tail below the plateau, is no
        // penalty but a machine that was busier while the smaller sizes ran. Reported as such rather than as a negative
        // estimate outside its own interval.
        if (pl < b || after < pl)
            throw new CalibrationException(CalibrationFailure.OutOfDomain,
                $"{chase.Name}: the time per access falls past a knee ({(pl < b ? "plateau below the baseline" : "past the second knee below the plateau")}); the machine was probably too busy: calibrate it idle");
        string M(string what) => $"{what} of a page-stride chase ({chase.Name}, {points.Length} sizes, knee ratio {KneeRatio})";
        return new TlbFitResult(
            new ParameterEstimate($"{namePrefix}.firstLevelReachBytes", points[k1 - 1].X, points[k1 - 1].X, points[k1].X, "B", M("first knee")),
            new ParameterEstimate($"{namePrefix}.secondLevelReachBytes", points[k2 - 1].X, points[k2 - 1].X, points[k2].X, "B", M("second knee")),
            new ParameterEstimate($"{namePrefix}.firstLevelMissPenaltySeconds", (pl - b) * toSeconds, Math.Max(0, plateauPoints.Min() - baseline.Max()) * toSeconds,
                (plateauPoints.Max() - baseline.Min()) * toSeconds, "s", M("plateau − base")),
            new ParameterEstimate($"{namePrefix}.walkPenaltySeconds", (after - pl) * toSeconds, Math.Max(0, after - plateauPoints.Max()) * toSeconds,
                (after - plateauPoints.Min()) * toSeconds, "s", M("time past the second knee − plateau")),
            page);
    }
}
