namespace PerfModel.Calibration.Fitting;

/// <summary>A fitted parameter with its bootstrap 95% interval.</summary>
/// <param name="Name">Parameter, e.g. "pageFault4KSeconds".</param>
/// <param name="Value">Point estimate.</param>
/// <param name="Lower95">2.5th percentile of the bootstrap distribution.</param>
/// <param name="Upper95">97.5th percentile.</param>
/// <param name="Unit">Unit of all three.</param>
/// <param name="Method">How it was obtained ("OLS slope", "median", "MLE lognormal (KS 0.03)", …).</param>
public sealed record ParameterEstimate(string Name, double Value, double Lower95, double Upper95, string Unit, string Method);
