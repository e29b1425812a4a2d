using System.Collections.Immutable;
using PerfModel.Descriptions;
using PerfModel.Profiles;

namespace PerfModel.Cli;

/// <summary>The profiles a command works on: the default study, replaced or extended by --platform, --os-file and
/// --app-file, then filtered by --app and --os, with the what-if options applied to the selected OSes.</summary>
/// <param name="Study">The study (defaults plus files); its baseline OS is the one every ratio is taken against.</param>
/// <param name="Oses">The selected OSes, what-ifs applied.</param>
/// <param name="Apps">The selected applications.</param>
/// <param name="InputFiles">Every profile file read (an output must never overwrite one).</param>
/// <param name="Notices">Files that replace a built-in profile of the same name, one line each (shown on standard error).</param>
public sealed record ProfileSelection(Study Study, ImmutableArray<OsProfile> Oses, ImmutableArray<AppProfile> Apps, ImmutableArray<string> InputFiles, ImmutableArray<string> Notices)
{
    /// <summary>Loads the study and applies the selection and what-ifs.</summary>
    /// <param name="platformFile">--platform.</param>
    /// <param name="osFiles">--os-file (repeatable).</param>
    /// <param name="appFiles">--app-file (repeatable).</param>
    /// <param name="apps">--app: comma-separated names, or null for all.</param>
    /// <param name="oses">--os: comma-separated names, or null for all.</param>
    /// <param name="heapPolicyFrom">--heap-policy-from: give every selected OS this OS's brk policy.</param>
    /// <param name="placement">--placement: give every selected OS this placement policy.</param>
    public static ProfileSelection Build(string? platformFile, string[] osFiles, string[] appFiles, string? apps, string? oses,
        string? heapPolicyFrom = null, PlacementPolicy? placement = null)
    {
        var notices = new List<string>();
        var study = StudyFiles.LoadWithNotices(platformFile, osFiles, appFiles, notices);
        var selectedApps = apps is null ? [.. study.Apps] : CliLimits.Names(apps, "--app", string.Join(", ", study.Apps.Select(a => a.Name))).Select(n => study.App[n]).ToList();
        var selectedOses = oses is null ? [.. study.Oses] : CliLimits.Names(oses, "--os", string.Join(", ", study.Oses.Select(o => o.Name))).Select(n => study.Os[n]).ToList();
        if (heapPolicyFrom is not null)
        {
            var brk = study.Os[heapPolicyFrom].Brk;
            selectedOses = selectedOses.Select(o => o with { Name = $"{o.Name}+{heapPolicyFrom}-heap", DisplayName = $"{o.DisplayName} ({heapPolicyFrom} heap)", Brk = brk }).ToList();
        }
        if (placement is { } pl)
            selectedOses = selectedOses.Select(o => o with { Placement = o.Placement with { Policy = pl } }).ToList();
        var inputs = new[] { platformFile }.Concat(osFiles).Concat(appFiles).OfType<string>().ToImmutableArray();
        return new ProfileSelection(study, [.. selectedOses], [.. selectedApps], inputs, [.. notices]);
    }
}
