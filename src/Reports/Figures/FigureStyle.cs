using PerfModel.Reports.Content;

namespace PerfModel.Reports.Figures;

/// <summary>How a chart names and colours OSes and applications, and which OS is the baseline.</summary>
/// <param name="Baseline">Name of the baseline OS.</param>
/// <param name="OsName">Display name of an OS.</param>
/// <param name="OsColour">Colour of an OS.</param>
/// <param name="AppName">Display name of an application (panel titles).</param>
internal sealed record FigureStyle(string Baseline, Func<string, string> OsName, Func<string, string> OsColour, Func<string, string> AppName)
{
    /// <summary>The report's style: the study's display names, colours among the study's OSes.</summary>
    public static FigureStyle Of(ReportData data) => new(data.Baseline, data.Display, data.Colour, a => data.Study.App[a].DisplayName);

    /// <summary>A sweep's style: display names from the predicted profiles, colours among the sweep's OSes in order.</summary>
    public static FigureStyle Of(Sweep sweep)
    {
        var oses = sweep.Select(r => r.Prediction.Scenario.Os).DistinctBy(o => o.Name).ToDictionary(o => o.Name, o => o.DisplayName);
        var apps = sweep.Select(r => r.Prediction.Scenario.App).DistinctBy(a => a.Name).ToDictionary(a => a.Name, a => a.DisplayName);
        var order = sweep.Select(r => r.Prediction.Os).Prepend(sweep.Baseline).Distinct().ToArray();
        return new(sweep.Baseline, o => OsStyle.Display(o, oses.GetValueOrDefault(o)), o => OsStyle.Colour(o, order), a => apps.GetValueOrDefault(a) ?? a);
    }

    /// <summary>A style from names (a table): display names where the table gives them, colours among the OSes in order.</summary>
    public static FigureStyle Of(string baseline, IEnumerable<string> oses, IReadOnlyDictionary<string, string>? osNames = null, IReadOnlyDictionary<string, string>? appNames = null)
    {
        var order = oses.Prepend(baseline).Distinct().ToArray();
        return new(baseline, o => OsStyle.Display(o, osNames?.GetValueOrDefault(o)), o => OsStyle.Colour(o, order), a => appNames?.GetValueOrDefault(a) ?? a);
    }
}
