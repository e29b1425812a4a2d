using System.Collections.Immutable;
using PerfModel.Units;

namespace PerfModel.Calibration.Published;

/// <summary>
/// The assumptions that turn the noise classes measured on an Atom C3758 (<see cref="NoiseClasses"/>) into the noise of
/// the OS profiles of Oakforest-PACS (<see cref="OsNoiseDerivation"/>): each a named number with a default, a plausible
/// range and a one-line reason (<see cref="Parameters"/>). Valid when made: the scale finite and &gt; 0, the shares in
/// [0, 1], the rate factors finite and ≥ 0. A value outside the plausible range is allowed (a what-if) and marked so.
/// </summary>
public sealed record NoiseAssumptions
{
    /// <summary>The defaults below.</summary>
    public static readonly NoiseAssumptions Default = new();

    /// <summary>Plausible range of <see cref="KnlDurationScale"/>.</summary>
    private static readonly (double Low, double High) KnlDurationScaleRange = (1.5, 2.0);

    /// <summary>Plausible range of <see cref="HousekeepingShareOnAppCores"/>.</summary>
    private static readonly (double Low, double High) HousekeepingShareOnAppCoresRange = (0, 0.01);

    /// <summary>Plausible range of <see cref="LwkResidualRateFactor"/>.</summary>
    private static readonly (double Low, double High) LwkResidualRateFactorRange = (0, 1);

    /// <summary>Plausible range of <see cref="MosStrayRateFactor"/>.</summary>
    private static readonly (double Low, double High) MosStrayRateFactorRange = (1, 29);

    /// <summary>Plausible range of <see cref="NoisyCoreShareFactor"/>.</summary>
    private static readonly (double Low, double High) NoisyCoreShareFactorRange = (0, 1);

    /// <summary>Why <see cref="NoisyCoreShareFactor"/> has its default and range.</summary>
    private const string NoisyCoreShareFactorReason =
        "LLNL's FWQ runs found one worker far noisier than the rest (fwq-th: ~1 ms detours at ~0.6/s on 1 of 48 cores) on a node whose isolation is not stated; P18 Sec. III-A's nohz_full and daemons on 4 reserved cores move the tick and the daemons but not what is bound to one core (a device interrupt's affinity, per-CPU kernel threads and timers), and osjitter's 3 isolated cores seeing no such detour in 180 s does not exclude a 1-in-48 class (3 cores hold one of its cores with chance 6 %): kept whole, 1; 0 if OFP's isolation removes it: docs/sources.md#os-noise-noisy-core";

    /// <summary>Why <see cref="KnlDurationScale"/> has its default and range.</summary>
    private const string KnlDurationScaleReason =
        "the same kernel path runs slower on a 1.4 GHz Xeon Phi 7250 core than on the 2.2 GHz Atom C3758 it was measured on (clock ratio 1.57, narrower core): the 1.5-2x prior of docs/sources.md#os-noise-osjitter, midpoint";

    /// <summary>Why <see cref="HousekeepingShareOnAppCores"/> has its default and range.</summary>
    private const string HousekeepingShareOnAppCoresReason =
        "P18 Sec. III-A runs daemons on the 4 reserved cores and nohz_full on the 64 application cores, and osjitter's isolated nohz_full CPUs saw no detour above 28 us in 180 s while a housekeeping CPU has daemon detours of 0.1-10 ms: none assumed; at most 1 % is compatible with that";

    /// <summary>Why <see cref="LwkResidualRateFactor"/> has its default and range.</summary>
    private const string LwkResidualRateFactorReason =
        "an LWK core has no tick and no Linux daemons (P18 Sec. II-D1); what still reaches the best-isolated Linux core (osjitter D: IRQs and kernel threads moved off, 0.083/s) is taken to be what no kernel on the core controls (firmware SMIs, machine-check and thermal events) and kept whole, an upper bound; 0 would be a core nothing reaches";

    /// <summary>Why <see cref="MosStrayRateFactor"/> has its default and range.</summary>
    private const string MosStrayRateFactorReason =
        "P18 Sec. II-D2 says McKernel is better isolated than mOS, which works to keep stray Linux kernel tasks off its cores, but gives no number: equal by default; at worst an mOS core is an isolated nohz_full Linux core, 29x the D rate (2.43/s vs 0.083/s)";

    /// <summary>Durations on a KNL core = durations on the Atom C3758 × this. Default 1.75, plausible 1.5-2: the same kernel
    /// path runs slower on a 1.4 GHz Xeon Phi 7250 core than on the 2.2 GHz Atom (clock ratio 1.57, narrower core), the
    /// 1.5-2x prior of docs/sources.md#os-noise-osjitter, at its midpoint.</summary>
    [Dimensionless("ratio of detour durations, KNL core / Atom C3758 core")]
    public double KnlDurationScale
    {
        get;
        init => field = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(KnlDurationScale), value, "must be finite and > 0");
    } = 1.75;

    /// <summary>Share of a housekeeping core's daemon detours (class (c)'s daemon source) that lands on each Linux
    /// application core. Default 0, plausible 0-0.01: P18 Sec. III-A puts the daemons on 4 reserved cores and the 64
    /// application cores are <c>nohz_full</c>; osjitter's isolated <c>nohz_full</c> CPUs saw no detour above 28 us in 180 s,
    /// fewer than 3.69/180 s (exact Poisson bound), while the daemon source puts about 1.8/s above 28 us: a share of at
    /// most about 1 %.</summary>
    [Dimensionless("fraction of the housekeeping daemon rate")]
    public double HousekeepingShareOnAppCores
    {
        get;
        init => field = double.IsFinite(value) && value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(HousekeepingShareOnAppCores), value, "must be in [0, 1]");
    }

    /// <summary>Rate of the residual detours on an LWK core / their rate on the best-isolated Linux core measured (osjitter
    /// D). Default 1, plausible 0-1: an LWK core has no tick and no Linux daemons (P18 Sec. II-D1); what still reaches the
    /// best-isolated Linux core (IRQs and kernel threads moved off, 0.083/s) is taken to be what no kernel on the core
    /// controls (firmware SMIs, machine-check and thermal events) and kept whole, an upper bound.</summary>
    [Dimensionless("ratio of detour rates, LWK core / best-isolated Linux core")]
    public double LwkResidualRateFactor
    {
        get;
        init => field = double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(LwkResidualRateFactor), value, "must be finite and >= 0");
    } = 1;

    /// <summary>Rate of the residual detours on an mOS core / their rate on a McKernel core. Default 1, plausible 1-29: P18
    /// Sec. II-D2 says McKernel is better isolated than mOS (which works to keep stray Linux kernel tasks off its cores) but
    /// gives no number; at worst an mOS core is an isolated <c>nohz_full</c> Linux core, 2.43/s against D's 0.083/s = 29x.</summary>
    [Dimensionless("ratio of detour rates, mOS / McKernel")]
    public double MosStrayRateFactor
    {
        get;
        init => field = double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MosStrayRateFactor), value, "must be finite and >= 0");
    } = 1;

    /// <summary>Share of OFP's Linux application cores in the noisy-core class / its share on the LLNL node it was measured
    /// on (<see cref="NoisyCoreFit"/>). Default 1, plausible 0-1: the LLNL node's isolation is not stated, and nohz_full with
    /// daemons on reserved cores does not move what is bound to a single core; 0 if it does
    /// (docs/sources.md#os-noise-noisy-core). The class never applies to LWK cores (P18 Sec. II-D1).</summary>
    [Dimensionless("ratio of shares of noisy cores, OFP Linux / LLNL node")]
    public double NoisyCoreShareFactor
    {
        get;
        init => field = double.IsFinite(value) && value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(NoisyCoreShareFactor), value, "must be in [0, 1]");
    } = 1;

    /// <summary>Every assumption with its value, plausible range and reason.</summary>
    public ImmutableArray<NoiseAssumption> Parameters =>
    [
        new(nameof(KnlDurationScale), KnlDurationScale, KnlDurationScaleRange.Low, KnlDurationScaleRange.High, KnlDurationScaleReason),
        new(nameof(HousekeepingShareOnAppCores), HousekeepingShareOnAppCores, HousekeepingShareOnAppCoresRange.Low, HousekeepingShareOnAppCoresRange.High, HousekeepingShareOnAppCoresReason),
        new(nameof(LwkResidualRateFactor), LwkResidualRateFactor, LwkResidualRateFactorRange.Low, LwkResidualRateFactorRange.High, LwkResidualRateFactorReason),
        new(nameof(MosStrayRateFactor), MosStrayRateFactor, MosStrayRateFactorRange.Low, MosStrayRateFactorRange.High, MosStrayRateFactorReason),
        new(nameof(NoisyCoreShareFactor), NoisyCoreShareFactor, NoisyCoreShareFactorRange.Low, NoisyCoreShareFactorRange.High, NoisyCoreShareFactorReason),
    ];

    /// <summary>The assumption named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No assumption has that name (the message lists them).</exception>
    public NoiseAssumption Parameter(string name) =>
        Parameters.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"no assumption '{name}'; the assumptions are {string.Join(", ", Parameters.Select(p => p.Name))}", nameof(name));
}
