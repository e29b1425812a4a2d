namespace PerfModel.Calibration.Fitting;

/// <summary>Why a fit could not be made from the measurements it was given.</summary>
public enum CalibrationFailure
{
    /// <summary>Fewer samples than the fit needs (3 for every fit here, so that a bootstrap has something to resample).</summary>
    TooFewSamples,

    /// <summary>The data cannot determine the parameters: constant x for a line, all durations equal, mismatched x/y lengths.</summary>
    DegenerateDesign,

    /// <summary>A NaN or infinite value in the input.</summary>
    NonFiniteInput,

    /// <summary>A finite value outside the model's domain (e.g. a duration ≤ 0 for a log-normal or Pareto fit).</summary>
    OutOfDomain,

    /// <summary>A series' unit is not one the synthesis knows how to convert to SI.</summary>
    UnknownUnit,

    /// <summary>A published number cannot be reached by scaling the parameters fitted to it within the allowed range
    /// (the effect error has the same sign at both ends).</summary>
    NotBracketed,
}
