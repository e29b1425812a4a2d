using System.Collections.Immutable;
using PerfModel.Calibration.Profiles;
using PerfModel.Profiles;

namespace PerfModel.Cli;

/// <summary>The profiles a command works on: the embedded defaults, replaced or extended by --platform, --os-file and
/// --app-file, then filtered by --app and --os, with optional what-if overrides.</summary>
public sealed record ProfileSelection(ProfileSet Set, OsProfile Linux, ImmutableArray<OsProfile> Oses, ImmutableArray<AppProfile> Apps, ImmutableArray<string> InputFiles)
{
    public static ProfileSelection Build(string? platformFile, string[] osFiles, string[] appFiles, string? apps, string? oses,
        string? heapPolicyFrom = null, PlacementPolicy? placement = null)
    {
        var defaults = ProfileLoader.LoadDefaults();
        var platform = platformFile is null ? defaults.Platform : ProfileLoader.LoadPlatform(platformFile);
        var osList = defaults.Oses.ToList();
        foreach (var f in osFiles) Replace(osList, ProfileLoader.LoadOs(f), o => o.Name);
        var appList = defaults.Apps.ToList();
        foreach (var f in appFiles) Replace(appList, ProfileLoader.LoadApp(f), a => a.Name);
        ProfileLoader.ValidateAgainstPlatform(platform, appList);
        var set = new ProfileSet(platform, [.. osList], [.. appList]);

        var selectedApps = apps is null ? appList : Names(apps).Select(set.App).ToList();
        var selectedOses = oses is null ? osList : Names(oses).Select(set.Os).ToList();
        if (heapPolicyFrom is not null)
        {
            var brk = set.Os(heapPolicyFrom).Brk;
            selectedOses = selectedOses.Select(o => o with { Name = $"{o.Name}+{heapPolicyFrom}-heap", DisplayName = $"{o.DisplayName} ({heapPolicyFrom} heap)", Brk = brk }).ToList();
        }
        if (placement is { } pl)
            selectedOses = selectedOses.Select(o => o with { Placement = o.Placement with { Policy = pl } }).ToList();
        var linux = set.Os("linux");
        var inputs = new[] { platformFile }.Concat(osFiles).Concat(appFiles).OfType<string>().ToImmutableArray();
        return new ProfileSelection(set, linux, [.. selectedOses], [.. selectedApps], inputs);
    }

    private static IEnumerable<string> Names(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct();

    private static void Replace<T>(List<T> list, T item, Func<T, string> name)
    {
        var i = list.FindIndex(x => name(x) == name(item));
        if (i >= 0) list[i] = item; else list.Add(item);
    }
}
