using System.Collections.Immutable;
using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Calibration.Published;

/// <summary>
/// A class of a few noisier cores derived from one FWQ run's quietest and noisiest worker (<see cref="NoisyCoreFit"/>): the
/// noisy worker's detours in excess of the quiet one's, as a Poisson source of fixed duration, and the share of the cores
/// it stands for. Every number has an estimate with a 95% (or plausible) interval and the derivation in its method text.
/// </summary>
public sealed record NoisyCoreClass
{
    /// <summary>The class of run <paramref name="run"/>.</summary>
    /// <param name="run">FWQ run name prefix (e.g. "fwq-th").</param>
    /// <param name="extra">The excess detours of the noisy core: Poisson, fixed duration.</param>
    /// <param name="share">Fraction of the cores in the class (one worker of the run's).</param>
    /// <param name="estimates">share, ratePerSecond, durationSeconds, and the intermediates (reported only).</param>
    public NoisyCoreClass(string run, NoiseSource extra, double share, ImmutableArray<ParameterEstimate> estimates)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(run);
        ArgumentNullException.ThrowIfNull(extra);
        Run = run;
        Extra = extra;
        Share = double.IsFinite(share) && share is > 0 and <= 1 ? share : throw new ArgumentOutOfRangeException(nameof(share), share, "must be in (0, 1]");
        Estimates = estimates.IsDefault ? [] : estimates;
    }

    /// <summary>The FWQ run it was derived from.</summary>
    public string Run { get; }

    /// <summary>The noisy core's detours in excess of a quiet core's.</summary>
    public NoiseSource Extra { get; }

    /// <summary>Fraction of the cores in the class.</summary>
    [Dimensionless("fraction of the cores")]
    public double Share { get; }

    /// <summary>The estimates: "share", "ratePerSecond", "durationSeconds", then reported-only intermediates ("fit.…").</summary>
    public ImmutableArray<ParameterEstimate> Estimates { get; }

    /// <summary>The estimate named <paramref name="name"/>, or null.</summary>
    public ParameterEstimate? Estimate(string name) => Estimates.FirstOrDefault(e => e.Name == name);
}
