using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Validation;

namespace PerfModel.Calibration.Fitting;

/// <summary>
/// The one documented path by which a profile parameter is fitted to a published number: the parameters a validation
/// row names (<see cref="PaperTarget.FittedParameters"/>) are multiplied by one common scale factor s — their ratios,
/// themselves estimates, are kept — and s is found by bisection on ln s in [<see cref="MinScale"/>, <see cref="MaxScale"/>]
/// so that the row's effect error (<see cref="ValidationResult.EffectError"/>: the relative error of an anchor, model
/// effect − paper effect otherwise) is zero. The fitted values are stored to <see cref="SignificantDigits"/>
/// significant digits, as in the data files. Re-running the fit on the default data reproduces the stored values (a
/// test holds it to that), so every fitted number in data/ can be regenerated with <c>perfmodel fit --row ID</c>.
/// Only the row's own number is used: the curve over node counts stays a prediction.
/// </summary>
public static class PaperFit
{
    /// <summary>Smallest scale factor tried: 1/16.</summary>
    public const double MinScale = 1.0 / 16;

    /// <summary>Largest scale factor tried: 16.</summary>
    public const double MaxScale = 16;

    /// <summary>Significant digits of a stored fitted value: 3.</summary>
    public const int SignificantDigits = 3;

    /// <summary>Bisection stops when the bracket of ln s is narrower than this (s known to 1e-7 relative).</summary>
    private const double LogScaleResolution = 1e-7;

    /// <summary>Fits the parameters of <paramref name="target"/> in <paramref name="study"/> to its published number.</summary>
    /// <exception cref="ArgumentException">No parameter was fitted to the row, or it is a shape (no number to hit).</exception>
    /// <exception cref="CalibrationException">The number cannot be reached within the scale range
    /// (<see cref="CalibrationFailure.NotBracketed"/>; the message gives the effect error at both ends).</exception>
    public static PaperFitResult Fit(Study study, PaperTarget target)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(target);
        if (!target.Fitted) throw new ArgumentException($"no parameter is fitted to row '{target.Id}'; fitted rows: {string.Join(", ", PaperTargets.All.Where(t => t.Fitted).Select(t => t.Id))}", nameof(target));
        if (target.Check is not (TargetCheck.Anchor or TargetCheck.Effect or TargetCheck.LogRatio))
            throw new ArgumentException($"row '{target.Id}' is a shape ({target.Check}); only a number can be fitted to", nameof(target));
        var start = target.FittedParameters.Select(p => ProfileParameters.Get(study, p)).ToArray();
        var evaluations = 0;
        double ErrorAt(double logScale)
        {
            evaluations++;
            return PaperValidation.Evaluate(Scaled(study, target, start, Math.Exp(logScale)), target).EffectError;
        }

        double lo = Admissible(study, target, start, Math.Log(MinScale)), hi = Admissible(study, target, start, Math.Log(MaxScale));
        double gLo = ErrorAt(lo), gHi = ErrorAt(hi);
        if (Math.Sign(gLo) == Math.Sign(gHi) && gLo != 0 && gHi != 0)
            throw new CalibrationException(CalibrationFailure.NotBracketed, string.Create(CultureInfo.InvariantCulture,
                $"row {target.Id}: scaling {string.Join(", ", target.FittedParameters)} by {Math.Exp(lo):G3} to {Math.Exp(hi):G3} (the widest their rules allow, at most {MinScale:G3} to {MaxScale:G3}) gives an effect error of {gLo:G4} to {gHi:G4}, never 0; the model cannot reach {target.PaperText}"));
        while (hi - lo > LogScaleResolution)
        {
            var mid = (lo + hi) / 2;
            var g = ErrorAt(mid);
            if (g == 0) lo = hi = mid;
            else if (Math.Sign(g) == Math.Sign(gLo)) (lo, gLo) = (mid, g);
            else hi = mid;
        }
        var scale = Math.Exp((lo + hi) / 2);
        var values = target.FittedParameters.Select((p, i) => new FittedValue(p, ProfileParameters.JsonPathOf(p), start[i], Round(start[i] * scale))).ToImmutableArray();
        var fitted = values.Aggregate(study, (s, v) => ProfileParameters.With(s, v.Parameter, v.After));
        return new PaperFitResult(target, scale, values, PaperValidation.Evaluate(study, target), PaperValidation.Evaluate(fitted, target), fitted, evaluations);
    }

    /// <summary><paramref name="value"/> to <see cref="SignificantDigits"/> significant digits (round half away from zero
    /// on the decimal text, as the data files store numbers).</summary>
    public static double Round(double value) =>
        double.Parse(value.ToString("G" + SignificantDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The end of the scale bracket: <paramref name="logScale"/>, or halfway towards 0 (s = 1) as often as needed
    /// for every parameter to obey its record's rules (e.g. a fraction in [0, 1]).</summary>
    private static double Admissible(Study study, PaperTarget target, double[] start, double logScale)
    {
        for (var i = 0; i < 40; i++, logScale /= 2)
        {
            try
            {
                _ = Scaled(study, target, start, Math.Exp(logScale));
                return logScale;
            }
            catch (ArgumentException)
            {
                // outside a rule: try a smaller change
            }
        }
        return 0;
    }

    private static Study Scaled(Study study, PaperTarget target, double[] start, double scale)
    {
        var s = study;
        for (var i = 0; i < start.Length; i++) s = ProfileParameters.With(s, target.FittedParameters[i], start[i] * scale);
        return s;
    }
}
