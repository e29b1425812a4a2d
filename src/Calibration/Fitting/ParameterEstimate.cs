using PerfModel.Descriptions;
using PerfModel.Profiles.Schema;

namespace PerfModel.Calibration.Fitting;

/// <summary>A fitted parameter with its bootstrap 95% interval and, when it was written into a profile, where and with
/// which provenance.</summary>
/// <param name="Name">Parameter, e.g. "kernel.pageFault4KSeconds" (the JSON path without the leading <c>$.</c> when it
/// sets a profile field) or "tlb2m.firstLevelReachBytes" (reported only).</param>
/// <param name="Value">Point estimate.</param>
/// <param name="Lower95">2.5th percentile of the bootstrap distribution.</param>
/// <param name="Upper95">97.5th percentile.</param>
/// <param name="Unit">Unit of all three.</param>
/// <param name="Method">How it was obtained ("OLS slope", "median", "MLE lognormal (KS 0.03)", …).</param>
public sealed record ParameterEstimate(string Name, double Value, double Lower95, double Upper95, string Unit, string Method)
{
    /// <summary>The profile <see cref="JsonPath"/> belongs to (a platform or an OS profile); null when the estimate sets no
    /// profile field.</summary>
    public ProfileKind? Profile { get; init; }

    /// <summary>JSON path of the profile field the estimate sets, built with
    /// <see cref="ProfileSchema.JsonPath(ObjectSchema, string, string)"/> (e.g. <c>$.kernel.syscallSeconds</c>); null when
    /// the estimate is only reported.</summary>
    public string? JsonPath { get; init; }

    /// <summary>The provenance text recorded for that field: "measured: &lt;host&gt; &lt;date&gt;, &lt;benchmark&gt;/&lt;series&gt;,
    /// &lt;method&gt;, 95% CI [lo, hi] &lt;unit&gt;"; null when the estimate sets no profile field.</summary>
    public string? Provenance { get; init; }
}
