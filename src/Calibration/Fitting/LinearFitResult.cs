namespace PerfModel.Calibration.Fitting;

/// <summary>An ordinary-least-squares line y = Slope·x + Intercept with bootstrap intervals.</summary>
/// <param name="Slope">The slope, in the caller's unit.</param>
/// <param name="Intercept">The intercept, in the series' y unit.</param>
/// <param name="RSquared">Coefficient of determination 1 − SS_res/SS_tot (1 when y is constant and fitted exactly).</param>
/// <param name="Count">Number of (x, y) pairs.</param>
public sealed record LinearFitResult(ParameterEstimate Slope, ParameterEstimate Intercept, double RSquared, int Count);
