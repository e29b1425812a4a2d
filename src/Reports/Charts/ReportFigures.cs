using PerfModel.Reports.Content;

namespace PerfModel.Reports.Charts;

/// <summary>Every figure of <c>perfmodel report</c>, in report order. Pure: the figures are built from the report data
/// alone (the sweep is already computed there), with no I/O; the writer renders them to HTML/PNG and their data to CSV.</summary>
public static class ReportFigures
{
    /// <summary>Figure names in report order (file stems of figures/*.png and data/*.csv).</summary>
    public static IReadOnlyList<string> Names =>
    [
        RelativeToLinuxFigure.Name, CcsQcdImprovementFigure.Name, MiniFeScalingFigure.Name, LuleshScalingFigure.Name, LammpsScalingFigure.Name,
        AttributionFigure.Name, NoiseAmplificationFigure.Name, MemoryHierarchyFigure.Name,
    ];

    /// <summary>Builds all figures: fig4-relative, fig5a-ccsqcd, fig5b-minife, fig6a-lulesh, fig6b-lammps, attribution,
    /// noise-amplification, memory-hierarchy. A paper figure whose application is missing from the profile set is left out.</summary>
    public static IReadOnlyList<Figure> All(ReportData data)
    {
        var apps = data.Profiles.Apps.Select(a => a.Name).ToHashSet();
        var figures = new List<Figure> { RelativeToLinuxFigure.Build(data) };
        if (apps.Contains(CcsQcdImprovementFigure.App)) figures.Add(CcsQcdImprovementFigure.Build(data));
        if (apps.Contains(MiniFeScalingFigure.App)) figures.Add(MiniFeScalingFigure.Build(data));
        if (apps.Contains(LuleshScalingFigure.App)) figures.Add(LuleshScalingFigure.Build(data));
        if (apps.Contains(LammpsScalingFigure.App)) figures.Add(LammpsScalingFigure.Build(data));
        figures.Add(AttributionFigure.Build(data));
        figures.Add(NoiseAmplificationFigure.Build(data));
        figures.Add(MemoryHierarchyFigure.Build(data));
        return figures;
    }
}
