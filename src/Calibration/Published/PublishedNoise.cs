using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>
/// The noise of the default OS profiles from published measurements: the noise classes fitted to the osjitter per-core
/// statistics (<see cref="NoiseClassFit"/>, figures quoted in <c>osjitter_figures.csv</c>) and the Linux, McKernel and mOS
/// noise derived from them (<see cref="OsNoiseDerivation"/>) with the assumptions of the assumptions file
/// (<c>knlDurationScale</c>, <c>housekeepingShareOnAppCores</c>, <c>lwkResidualRateFactor</c>, <c>mosStrayRateFactor</c>).
/// </summary>
public static class PublishedNoise
{
    /// <summary>The files of the measurements directory it reads.</summary>
    public static readonly ImmutableArray<string> Inputs = ["osjitter_figures.csv"];

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
        return (classes, OsNoiseDerivation.Derive(classes, Assumptions(assumptions)));
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
