using PerfModel.Reports.Content;

namespace PerfModel.Reports.Figures;

/// <summary>Every figure of <c>perfmodel report</c>, in report order. Pure: the figures are built from the report data
/// alone (the sweep is already computed there), with no I/O; the writer renders them to HTML/PNG and their data to CSV.</summary>
public static class ReportFigures
{
    /// <summary>Figure names in report order (file stems of figures/*.png and data/*.csv).</summary>
    public static IReadOnlyList<string> Names =>
    [
        RelativeToBaselineFigure.Name, CcsQcdImprovementFigure.Name, MiniFeScalingFigure.Name, LuleshScalingFigure.Name, LammpsScalingFigure.Name,
        AttributionFigure.Name, NoiseAmplificationFigure.Name, MemoryHierarchyFigure.Name,
    ];

    /// <summary>One figure by name (<see cref="Names"/>).</summary>
    /// <exception cref="KeyNotFoundException">Not a figure name; the message lists them.</exception>
    public static Figure Build(ReportData data, string name)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            RelativeToBaselineFigure.Name => RelativeToBaselineFigure.Build(data),
            CcsQcdImprovementFigure.Name => CcsQcdImprovementFigure.Build(data),
            MiniFeScalingFigure.Name => MiniFeScalingFigure.Build(data),
            LuleshScalingFigure.Name => LuleshScalingFigure.Build(data),
            LammpsScalingFigure.Name => LammpsScalingFigure.Build(data),
            AttributionFigure.Name => AttributionFigure.Build(data),
            NoiseAmplificationFigure.Name => NoiseAmplificationFigure.Build(data),
            MemoryHierarchyFigure.Name => MemoryHierarchyFigure.Build(data),
            _ => throw new KeyNotFoundException($"unknown report figure '{name}'; known: {string.Join(", ", Names)}"),
        };
    }

    /// <summary>Builds all figures: fig4-relative, fig5a-ccsqcd, fig5b-minife, fig6a-lulesh, fig6b-lammps, attribution,
    /// noise-amplification, memory-hierarchy. A paper figure whose application is missing from the study is left out.</summary>
    public static IReadOnlyList<Figure> All(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var apps = data.Study.App.Names.ToHashSet();
        var figures = new List<Figure> { RelativeToBaselineFigure.Build(data) };
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
