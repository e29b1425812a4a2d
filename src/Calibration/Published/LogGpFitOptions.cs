namespace PerfModel.Calibration.Published;

/// <summary>What <see cref="LogGpFit.Fit"/> fits and how the KNL parameters are derived from it. The host and the KNL
/// scaling are the caller's statements, not defaults: the published measurements were not taken on KNL.</summary>
public sealed record LogGpFitOptions
{
    /// <summary>The <c>env</c> whose rows are fitted, e.g. <c>dane</c> (LLNL's on-premises cluster).</summary>
    public required string Env { get; init => field = NotBlank(value, nameof(Env)); }

    /// <summary>The CPU of the hosts that measured, as stated by the source, e.g. "Intel Xeon (LLNL dane)"; carried into
    /// every estimate's method text.</summary>
    public required string HostCpu { get; init => field = NotBlank(value, nameof(HostCpu)); }

    /// <summary>o on KNL = factor × o on the measuring host: the slower KNL core (1.4 GHz, two-wide, Silvermont-derived)
    /// runs the onload (PSM2) send and receive path more slowly. 1.5–2 is the range docs/sources.md#omni-path assumes;
    /// the hand-typed profile used 1.4. Finite and &gt; 0.</summary>
    public required double KnlOverheadFactor
    {
        get;
        init => field = double.IsFinite(value) && value > 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(KnlOverheadFactor), value, $"KnlOverheadFactor={value}, but it should be finite and > 0");
    }

    /// <summary>Largest "small" message: runs' latencies at 1 B ≤ m ≤ this give L + 2o (default 8 B, where (m − 1)G is
    /// below a picosecond).</summary>
    public long SmallMessageMaxBytes { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(SmallMessageMaxBytes), value, "must be >= 1"); } = 8;

    /// <summary>Smallest "large" message: latencies at m ≥ this are regressed on m for G (default 64 KiB).</summary>
    public long LargeMessageMinBytes { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(LargeMessageMinBytes), value, "must be >= 1"); } = 65536;

    private static string NotBlank(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} must not be blank", name) : value;
}
