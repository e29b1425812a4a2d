namespace PerfModel.NotebookTests.Package;

/// <summary>The PerfModel package packed for this test run.</summary>
/// <param name="Version">Its version, e.g. <c>0.4.0-dev.20250101120000123</c> (unique per run, so no cache can serve an older build).</param>
/// <param name="Path">The .nupkg in artifacts/nuget/.</param>
/// <param name="Elapsed">Wall time of <c>dotnet pack</c>.</param>
/// <param name="HasInteractiveExtension">Whether the package ships <c>interactive-extensions/dotnet/</c> (the runner must then load it).</param>
/// <param name="Removed">What was deleted first: older PerfModel packages in the feed, older dev versions in NuGet's global packages folder.</param>
public sealed record PackedPackage(string Version, string Path, TimeSpan Elapsed, bool HasInteractiveExtension, IReadOnlyList<string> Removed);
