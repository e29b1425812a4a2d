using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>
/// The noise of the default OS profiles from published measurements: the noise classes fitted to the osjitter per-core
/// statistics (<see cref="NoiseClassFit"/>, figures quoted in <c>osjitter_figures.csv</c>) and the Linux, McKernel and mOS
/// noise derived from them (<see cref="OsNoiseDerivation"/>) with the assumptions of the assumptions file
/// (<c>knlDurationScale</c>, <c>housekeepingShareOnAppCores</c>, <c>lwkResidualRateFactor</c>, <c>mosStrayRateFactor</c>,
/// <c>noisyCoreShareFactor</c>), with Linux's class of noisy cores from the LLNL FWQ summaries (<see cref="NoisyCoreFit"/>).
/// </summary>
public static class PublishedNoise
{
    /// <summary>The files of the measurements directory it reads.</summary>
    public static readonly ImmutableArray<string> Inputs = ["osjitter_figures.csv", FwqFile];

    /// <summary>The LLNL FWQ summaries, of which the noisy-core class is derived (<see cref="NoisyCoreFit"/>).</summary>
    public const string FwqFile = "llnl_system_noise_fwq_summary.csv";

    /// <summary>The FWQ run the noisy-core class is derived from: fwq-th, 48 workers over 11.3 s (the fwq-mpi runs last 0.44 s,
    /// too short to see a detour at the ~1/s rate of the longest ones; docs/sources.md#os-noise-noisy-core).</summary>
    public const string NoisyCoreRun = "fwq-th";

    /// <summary>Workers of <see cref="NoisyCoreRun"/>: 48.</summary>
    public const int NoisyCoreWorkers = 48;

    /// <summary>Workers of the fwq-mpi runs: 84 (the low end of the share's plausible interval, 1/84).</summary>
    public const int FwqMpiWorkers = 84;

    /// <summary>Parametric-bootstrap replicates of every noise fit.</summary>
    public const int Resamples = 200;

    /// <summary>The derived noise of every OS profile, with bootstrap seed <paramref name="seed"/>.</summary>
    /// <exception cref="PublishedDataException">A file is missing or malformed.</exception>
    public static (NoiseClasses Classes, OsNoiseProfiles Profiles) Fit(string measuredDir, ImportAssumptions assumptions, int seed)
    {
        ArgumentNullException.ThrowIfNull(measuredDir);
        ArgumentNullException.ThrowIfNull(assumptions);
        // Errors name the file where it is read; provenance names it as the repository does (data/measured/…), wherever the
        // directory is, so the same measurements give the same profiles.
        var path = Path.Combine(measuredDir, "osjitter_figures.csv");
        var text = PublishedNoiseCsv.ReadText(path);
        _ = PercentileTable.Parse(text, path);
        var table = PercentileTable.Parse(text, "data/measured/osjitter_figures.csv");
        var classes = NoiseClassFit.Fit(table, seed, Resamples);
        var fwqPath = Path.Combine(measuredDir, FwqFile);
        var fwqText = PublishedNoiseCsv.ReadText(fwqPath);
        _ = FwqSummary.Parse(fwqText, fwqPath);
        var fwq = FwqSummary.Parse(fwqText, "data/measured/" + FwqFile);
        var noisyCore = NoisyCoreFit.Fit(fwq, NoisyCoreRun, NoisyCoreWorkers, 1.0 / FwqMpiWorkers, 1.0 / NoisyCoreWorkers);
        return (classes, OsNoiseDerivation.Derive(classes, noisyCore, Assumptions(assumptions)));
    }

    /// <summary>The noise derivation's assumptions, from the assumptions file.</summary>
    public static NoiseAssumptions Assumptions(ImportAssumptions file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new NoiseAssumptions
        {
            KnlDurationScale = file["knlDurationScale"].Value,
            HousekeepingShareOnAppCores = file["housekeepingShareOnAppCores"].Value,
            LwkResidualRateFactor = file["lwkResidualRateFactor"].Value,
            MosStrayRateFactor = file["mosStrayRateFactor"].Value,
            NoisyCoreShareFactor = file["noisyCoreShareFactor"].Value,
        };
    }

    /// <summary>The noise of the OS profile named <paramref name="os"/> (linux, mckernel or mos).</summary>
    public static OsNoise For(this OsNoiseProfiles profiles, string os)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        return os switch
        {
            "linux" => profiles.Linux,
            "mckernel" => profiles.McKernel,
            "mos" => profiles.Mos,
            _ => throw new ArgumentException($"no derived noise for '{os}'; the OS profiles are linux, mckernel and mos", nameof(os)),
        };
    }
}
