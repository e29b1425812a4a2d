using System.Globalization;
using PerfModel.Profiles.Schema;

namespace PerfModel.Profiles;

/// <summary>
/// How a study differs from another (by default from <see cref="Defaults.Study"/>): every profile value that was changed,
/// and every OS or application added or removed, so that a what-if study can show exactly what it assumes.
/// <code>
/// var study = Defaults.Study();
/// var what = study.With(study.Os["mos"] with { Syscalls = study.Os["mos"].Syscalls with { OffloadLatency = TimeInterval.FromMicroseconds(2) } });
/// WhatIf.Changes(what)   // os mos $.syscalls.offloadLatencySeconds: 8E-06 -> 2E-06
/// </code>
/// </summary>
public static class WhatIf
{
    /// <summary>The changes of <paramref name="study"/> against <paramref name="baseline"/> (the default study when null):
    /// the platform's changed values, then each OS and application in the study's order (changed values, or "added"),
    /// then the profiles of the baseline the study no longer has ("removed"). Profiles are matched by name.</summary>
    public static IReadOnlyList<ProfileChange> Changes(Study study, Study? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        baseline ??= Defaults.Study();
        var changes = new List<ProfileChange>();
        Add(changes, "platform", study.Platform.Name, baseline.Platform, study.Platform);
        foreach (var os in study.Oses)
            if (baseline.Os.Contains(os.Name)) Add(changes, "os", os.Name, baseline.Os[os.Name], os);
            else changes.Add(new ProfileChange("os", os.Name, "$", null, "added"));
        foreach (var app in study.Apps)
            if (baseline.App.Contains(app.Name)) Add(changes, "app", app.Name, baseline.App[app.Name], app);
            else changes.Add(new ProfileChange("app", app.Name, "$", null, "added"));
        foreach (var os in baseline.Oses.Where(o => !study.Os.Contains(o.Name))) changes.Add(new ProfileChange("os", os.Name, "$", "present", null));
        foreach (var app in baseline.Apps.Where(a => !study.App.Contains(a.Name))) changes.Add(new ProfileChange("app", app.Name, "$", "present", null));
        if (study.Baseline != baseline.Baseline) changes.Add(new ProfileChange("study", "baseline", "Baseline", baseline.Baseline, study.Baseline));
        return changes;
    }

    private static void Add(List<ProfileChange> changes, string kind, string name, object before, object after)
    {
        foreach (var d in ProfilePaths.Differences(before, after))
            changes.Add(new ProfileChange(kind, name, d.Path, Text(d.Baseline), Text(d.Changed)));
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list and not string => string.Join(", ", list.Cast<object>().Select(o => Text(o))),
        _ => value.ToString(),
    };
}
