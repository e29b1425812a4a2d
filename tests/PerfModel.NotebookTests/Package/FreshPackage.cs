using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using PerfModel.NotebookTests.Support;

namespace PerfModel.NotebookTests.Package;

/// <summary>Packs PerfModel from this tree into the notebooks' local feed with a version no cache has seen:
/// deletes the older PerfModel packages from artifacts/nuget/, runs (from the repository root)
/// <c>dotnet pack src/Package -c NotebookPack -p:Optimize=true -o artifacts/nuget -p:VersionSuffix=dev.&lt;UTC yyyyMMddHHmmssfff&gt;</c>
/// (with <c>--no-restore</c> once the project is restored; a configuration of its own, optimised like Release, so that
/// its rebuild of every library with the new version never touches the Debug or Release outputs the other test assembly
/// packs from at the same time),
/// then deletes the other dev versions from NuGet's global packages folder. The notebooks reference
/// <c>PerfModel, 0.*-*</c>, so they get exactly this build.</summary>
internal static partial class FreshPackage
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Packs and cleans as above.</summary>
    /// <exception cref="InvalidOperationException">The package project is missing, or <c>dotnet pack</c> failed (the
    /// message holds its output) or wrote no package.</exception>
    public static PackedPackage Pack()
    {
        if (!File.Exists(RepoPaths.PackageProject))
            throw new InvalidOperationException($"{Path.GetRelativePath(RepoPaths.Root, RepoPaths.PackageProject)} does not exist: the notebooks load PerfModel from the package it packs");

        var suffix = "dev." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var removed = RemovePerfModelPackages(RepoPaths.NuGetFeed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Without a restore when the package project is restored already (the solution's restore does it): a restore with a
        // new version rewrites every src/*/obj/project.assets.json, which the other test assembly, running at the same time,
        // reads when it packs; the version is a build property and needs no restore.
        string[] restore = File.Exists(Path.Combine(Path.GetDirectoryName(RepoPaths.PackageProject)!, "obj", "project.assets.json")) ? ["--no-restore"] : [];
        var (exitCode, output) = DotnetCommand.Run(RepoPaths.Root, PackTimeout,
            ["pack", "src/Package", "-c", "NotebookPack", "-p:Optimize=true", "-o", "artifacts/nuget", "-p:VersionSuffix=" + suffix, "-nodeReuse:false", .. restore]);
        var elapsed = clock.Elapsed;
        if (exitCode != 0)
            throw new InvalidOperationException($"dotnet pack src/Package failed (exit code {exitCode}):\n{output}");

        var nupkg = Directory.GetFiles(RepoPaths.NuGetFeed, "*.nupkg")
            .SingleOrDefault(f => PerfModelPackage().Match(Path.GetFileName(f)) is { Success: true } m && m.Groups["version"].Value.EndsWith("-" + suffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"dotnet pack src/Package wrote no PerfModel.*-{suffix}.nupkg to artifacts/nuget:\n{output}");
        var version = PerfModelPackage().Match(Path.GetFileName(nupkg)).Groups["version"].Value;
        removed.AddRange(NuGetGlobalPackages.RemoveDevVersionsExcept(version));
        return new PackedPackage(version, nupkg, elapsed, HasInteractiveExtension(nupkg), removed);
    }

    /// <summary>Deletes PerfModel.&lt;version&gt;.nupkg/.snupkg from <paramref name="feed"/> (other packages stay).</summary>
    private static List<string> RemovePerfModelPackages(string feed)
    {
        if (!Directory.Exists(feed)) return [];
        var removed = new List<string>();
        foreach (var file in Directory.GetFiles(feed, "PerfModel.*nupkg").Where(f => PerfModelPackage().IsMatch(Path.GetFileName(f))))
        {
            File.Delete(file);
            removed.Add(file);
        }
        return removed;
    }

    private static bool HasInteractiveExtension(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        return zip.Entries.Any(e => e.FullName.StartsWith("interactive-extensions/dotnet/", StringComparison.OrdinalIgnoreCase)
                                    && e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>PerfModel.&lt;semver&gt;.nupkg or .snupkg, not PerfModel.Something.&lt;semver&gt;.nupkg.</summary>
    [GeneratedRegex(@"^PerfModel\.(?<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.s?nupkg$", RegexOptions.IgnoreCase)]
    private static partial Regex PerfModelPackage();
}
