using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace PerfModel.Tests.Package;

/// <summary>
/// The PerfModel NuGet package as <c>dotnet pack src/Package</c> makes it, with a development version suffix: packed once
/// per test run into a temporary directory from the build the tests run on (<c>--no-build</c>: the test project builds
/// src/Package first, so this takes seconds), then read as a zip. Checks the layout (the four libraries with their XML
/// docs in lib/net10.0, the extension in interactive-extensions/dotnet, README, LICENSE, notices), the nuspec metadata and
/// that the dependencies are exactly the four packages the libraries need at run time.
/// </summary>
public sealed partial class PackageTests(PackageTests.PackedPackage package, ITestOutputHelper output) : IClassFixture<PackageTests.PackedPackage>
{
    private static readonly string[] Libraries = ["PerfModel.Models", "PerfModel.Profiles", "PerfModel.Calibration", "PerfModel.Reports"];

    [Fact]
    public void Package_holds_the_libraries_the_extension_and_the_documents()
    {
        output.WriteLine($"dotnet pack: {package.PackSeconds:0.0} s; {package.NupkgPath}");
        output.WriteLine(string.Join("\n", package.Entries));
        var expected = Libraries.SelectMany(l => new[] { $"lib/net10.0/{l}.dll", $"lib/net10.0/{l}.xml" })
            .Append("interactive-extensions/dotnet/PerfModel.Interactive.dll")
            .Append("README.md").Append("LICENSE").Append("THIRD-PARTY-NOTICES.md").Append("PerfModel.nuspec")
            .Order(StringComparer.Ordinal).ToArray();
        var content = package.Entries.Where(e => !e.StartsWith("_rels/", StringComparison.Ordinal) && !e.StartsWith("package/", StringComparison.Ordinal)
                                                 && e != "[Content_Types].xml").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, content);
        Assert.StartsWith("# PerfModel", package.Text("README.md"));   // the repository's README (PackageReadmeFile)
        Assert.Contains("## Package", package.Text("README.md"));
        Assert.Contains("MIT License", package.Text("LICENSE"));
        Assert.Contains("plotly.js", package.Text("THIRD-PARTY-NOTICES.md"));
        Assert.Contains("knl7250_stream_triad_karlrupp.csv", package.Text("THIRD-PARTY-NOTICES.md"));
    }

    [Fact]
    public void Nuspec_has_the_metadata_and_exactly_the_runtime_dependencies()
    {
        var nuspec = XDocument.Parse(package.Text("PerfModel.nuspec"));
        var ns = nuspec.Root!.Name.Namespace;
        var meta = nuspec.Root.Element(ns + "metadata")!;
        string Meta(string name) => meta.Element(ns + name)?.Value ?? "";
        Assert.Equal("PerfModel", Meta("id"));
        Assert.Matches(@"^0\.4\.0-dev\.\d{17}$", Meta("version"));
        Assert.Equal(package.Version, Meta("version"));
        Assert.Equal("MIT", Meta("license"));
        Assert.Equal("expression", meta.Element(ns + "license")!.Attribute("type")!.Value);
        Assert.Equal("README.md", Meta("readme"));
        Assert.Equal("PerfModel contributors", Meta("authors"));
        Assert.Contains("mckernel", Meta("tags").Split(' '));
        Assert.Contains("polyglot-notebooks", Meta("tags").Split(' '));
        Assert.Contains("McKernel and mOS", Meta("description"));
        var groups = meta.Element(ns + "dependencies")!.Elements(ns + "group").ToArray();
        Assert.Equal(["net10.0"], groups.Select(g => g.Attribute("targetFramework")!.Value));
        var dependencies = groups[0].Elements(ns + "dependency").Select(d => $"{d.Attribute("id")!.Value} {d.Attribute("version")!.Value}").Order(StringComparer.Ordinal);
        Assert.Equal(["MathNet.Numerics 5.0.0", "Microsoft.Data.Analysis 0.23.1", "Plotly.NET 6.0.0", "Plotly.NET.CSharp 0.14.0"], dependencies);
    }

    [Fact]
    public void The_dependencies_are_the_package_references_of_the_four_libraries()
    {
        // Each library's csproj, read as text: the package's dependency list must follow them.
        var referenced = Libraries.Select(l => l.Replace("PerfModel.", ""))
            .SelectMany(d => PackageReference().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root(), "src", d, $"PerfModel.{d}.csproj"))))
            .Where(m => !m.Value.Contains("PrivateAssets=\"all\"", StringComparison.Ordinal))
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["MathNet.Numerics 5.0.0", "Microsoft.Data.Analysis 0.23.1", "Plotly.NET 6.0.0", "Plotly.NET.CSharp 0.14.0"], referenced);
    }

    [GeneratedRegex("<PackageReference Include=\"([^\"]+)\" Version=\"([^\"]+)\"[^>]*>")]
    private static partial Regex PackageReference();

    /// <summary>src/Package packed once with <c>-p:VersionSuffix=dev.&lt;UTC yyyyMMddHHmmssfff&gt;</c> into a temporary
    /// directory, in the configuration the tests were built in.</summary>
    public sealed class PackedPackage : IDisposable
    {
        private readonly TempDir dir = new();
        private readonly Dictionary<string, string> texts = [];

        public PackedPackage()
        {
            Version = "0.4.0-dev." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
            var configuration = typeof(PackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root() };
            foreach (var a in new[] { "pack", Path.Combine("src", "Package", "PerfModel.Package.csproj"), "--no-build", "--nologo", "-c", configuration, "-o", dir.Path, "-p:VersionSuffix=" + Version["0.4.0-".Length..] })
                psi.ArgumentList.Add(a);
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet pack did not finish within 120 s");
            }
            process.WaitForExit();
            PackSeconds = clock.Elapsed.TotalSeconds;
            if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet pack failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
            NupkgPath = System.IO.Path.Combine(dir.Path, $"PerfModel.{Version}.nupkg");
            using var zip = ZipFile.OpenRead(NupkgPath);
            Entries = zip.Entries.Select(e => e.FullName).ToArray();
            foreach (var e in zip.Entries.Where(e => e.FullName.EndsWith(".md", StringComparison.Ordinal) || e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) || e.FullName == "LICENSE"))
            {
                using var reader = new StreamReader(e.Open());
                texts[e.FullName] = reader.ReadToEnd();
            }
        }

        public string Version { get; }

        public string NupkgPath { get; }

        public double PackSeconds { get; }

        public IReadOnlyList<string> Entries { get; }

        public string Text(string entry) => texts[entry];

        public void Dispose() => dir.Dispose();
    }
}
