using PerfModel.Calibration.Published;
using PerfModel.Reports.Files;

namespace PerfModel.Reports.Figures;

/// <summary>
/// Goodness-of-fit figures of the published-defaults calibration (<see cref="PublishedDefaults.Build"/>, what
/// <c>perfmodel calibrate import --figures DIR</c> writes): each fit drawn against the measurements it was fitted to.
/// <list type="bullet">
/// <item><description><see cref="MemoryTiersName"/>: STREAM triad bandwidth vs threads per memory tier, the fitted
/// min(βn, B) with the knee and B's 95% interval, and the relative residuals;</description></item>
/// <item><description><see cref="InterconnectName"/>: latency vs message size, the median measured latency against the
/// LogGP line L + 2o + (m − 1)G, and the relative residuals;</description></item>
/// <item><description><see cref="NoiseClassesName"/>: one Q–Q panel per noise class, published duration quantiles and
/// means against the fitted distribution's, with y = x, the chosen family and the one not chosen.</description></item>
/// </list>
/// <see cref="Create"/> is pure (the same result gives the same figure JSON); <see cref="WriteHtml"/> writes one
/// self-contained HTML page per figure (plotly.js inline, as the report's index.html: no network needed to view it).
/// </summary>
public static class CalibrationFitFigures
{
    /// <summary>Name of the memory-tier figure.</summary>
    public const string MemoryTiersName = "calibration-memory-tiers";

    /// <summary>Name of the interconnect figure.</summary>
    public const string InterconnectName = "calibration-interconnect";

    /// <summary>Name of the noise-class figure.</summary>
    public const string NoiseClassesName = "calibration-noise-classes";

    /// <summary>The figure names in the order <see cref="Create"/> returns them (file stems of <see cref="WriteHtml"/>).</summary>
    public static IReadOnlyList<string> Names => [MemoryTiersName, InterconnectName, NoiseClassesName];

    /// <summary>The three figures of <paramref name="result"/>, in the order of <see cref="Names"/>.</summary>
    public static IReadOnlyList<CalibrationFitFigure> Create(PublishedDefaultsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var memory = result.Platform.Memory;
        var network = result.Platform.Network;
        var classes = result.NoiseClasses.All;
        return
        [
            new(MemoryTiersName, "Memory tiers: STREAM triad bandwidth against the saturation fit",
                $"STREAM triad bandwidth of {string.Join(" and ", memory.Select(t => t.Tier))} against the OpenMP thread count (markers: the "
                + "published points the fit used), the fitted b(n) = min(βn, B) (line), the knee n* = B/β (diamond) with the bootstrap 95% "
                + "intervals of B and n* (error bars; the shaded band spans B's interval over the plateau); lower panel: the relative residual "
                + "(measured − fitted) / measured. Fitted by least squares on ln b; thread counts beyond the application's cores are left out.",
                MemoryTierFitChart.Build(memory)),
            new(InterconnectName, "Interconnect: median measured latency against LogGP",
                $"One-way latency of env {network.Env} ({network.Runs} runs) against message size: the median measured latency per size "
                + "(markers) and the host LogGP time L + 2o + (m − 1)G (line), L + 2o from the small messages and G from the large ones; "
                + "lower panel: the relative residual (measured − LogGP) / measured, where the eager-to-rendezvous step of MPI shows. "
                + "These are the measuring hosts' parameters; the KNL profile scales o separately.",
                InterconnectFitChart.Build(network)),
            new(NoiseClassesName, "Noise classes: published detour durations against the fitted distributions",
                $"A Q–Q panel for each of the {classes.Length} per-core noise classes: every published duration quantile of every core "
                + "(circles; the maximum as a triangle) and every published mean (diamonds) against the fitted distribution's value at "
                + "the same order-statistic position (or its mean). The dashed line y = x is an exact fit; open grey markers are the "
                + "family not chosen (log-normal or Pareto, the one with the larger RMS log error).",
                NoiseClassFitChart.Build(classes)),
        ];
    }

    /// <summary>
    /// Writes the figures of <paramref name="result"/> (<see cref="Create"/>) as <c>&lt;name&gt;.html</c> in
    /// <paramref name="directory"/>: each a standalone page with plotly.js inline (viewable offline). All or nothing: every
    /// file is staged beside its target and renamed into place only when all are written
    /// (<see cref="PerfModel.Profiles.Files.AtomicFileSet"/>); on failure no file is created or changed. Existing files of
    /// the same names are replaced, anything else in the directory is left alone; the directory (and its parents) is
    /// created when missing. No file is ever written over one of the result's <see cref="PublishedDefaultsResult.Inputs"/>.
    /// </summary>
    /// <param name="result">The calibration.</param>
    /// <param name="directory">The output directory.</param>
    /// <returns>The files written, as <paramref name="directory"/> joined with each file name, in the order of <see cref="Names"/>.</returns>
    /// <exception cref="IOException"><paramref name="directory"/> is not a directory (a regular file, a device, …) or cannot
    /// take a new file, a target is not a regular file or is an input, or writing failed; the message starts with the path
    /// and says which.</exception>
    public static IReadOnlyList<string> WriteHtml(PublishedDefaultsResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(directory);
        ChartPages.CheckDirectory(directory);
        return ChartPages.Write([.. Create(result).Select(f => (f.Name, f.Title, f.Caption, f.Chart))], directory, result.Inputs);
    }
}
