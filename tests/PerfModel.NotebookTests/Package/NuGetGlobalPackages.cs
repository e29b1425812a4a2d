namespace PerfModel.NotebookTests.Package;

/// <summary>NuGet's global packages folder, where restores (the notebooks' <c>#r "nuget: …"</c> included) extract
/// packages: <c>$NUGET_PACKAGES</c> when set, else <c>~/.nuget/packages</c>.</summary>
internal static class NuGetGlobalPackages
{
    /// <summary>The folder (it may not exist yet).</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Deletes every extracted dev version of PerfModel (<c>perfmodel/*-dev.*</c>) except <paramref name="keep"/>,
    /// so that the folder does not grow by one copy per test run. Returns the folders deleted.</summary>
    public static IReadOnlyList<string> RemoveDevVersionsExcept(string keep)
    {
        var perfmodel = Path.Combine(Folder, "perfmodel");
        if (!Directory.Exists(perfmodel)) return [];
        var removed = new List<string>();
        foreach (var dir in Directory.GetDirectories(perfmodel, "*-dev.*"))
        {
            if (string.Equals(Path.GetFileName(dir), keep, StringComparison.OrdinalIgnoreCase)) continue;
            Directory.Delete(dir, recursive: true);
            removed.Add(dir);
        }
        return removed;
    }
}
