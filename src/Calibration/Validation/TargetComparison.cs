namespace PerfModel.Calibration.Validation;

/// <summary>How a published number is compared: a value the model should reproduce, or a bound it should respect.</summary>
public enum TargetComparison { Approximately, AtMost, AtLeast }
