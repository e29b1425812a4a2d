using PerfModel.Calibration.Published;
using PerfModel.Profiles.Json;
using PerfModel.Tests.Support;

namespace PerfModel.Tests.Calibration.Published;

/// <summary>The checked-in platform and OS defaults are exactly what <c>calibrate import</c> makes from data/measured and
/// data/templates, so they can never drift from the measurements silently.</summary>
public sealed class PublishedDefaultsTests
{
    private static string Data => RepoPaths.DataDir;

    [Fact]
    public void The_checked_in_defaults_are_exactly_what_calibrate_import_makes()
    {
        var made = PublishedDefaults.Build(Path.Combine(Data, "measured"), Path.Combine(Data, "templates"));
        Assert.Equal(4, made.Files.Length);
        foreach (var f in made.Files)
        {
            var checkedIn = File.ReadAllText(Path.Combine(Data, f.RelativePath));
            // Byte for byte: run 'perfmodel calibrate import' (from the repository root) to make them again.
            Assert.True(checkedIn == f.Json, $"data/{f.RelativePath} is not what 'perfmodel calibrate import' makes; run it and commit the result");
        }
    }

    [Fact]
    public void A_changed_measurement_changes_the_defaults_so_the_check_can_fail()
    {
        // The same build on a copy of data/measured whose DDR4 STREAM rates are 10 % higher: the platform file differs from
        // the checked-in one (and its DDR4 bandwidth moves by about 10 %), while the OS files, which do not read it, do not.
        var dir = Directory.CreateTempSubdirectory("perfmodel-measured-");
        try
        {
            CopyTree(Path.Combine(Data, "measured"), dir.FullName);
            var ddr = Path.Combine(dir.FullName, "knl7250_stream_triad_karlrupp_ddr4.dat");
            var lines = File.ReadAllLines(ddr).Select(l =>
            {
                var cells = l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (l.TrimStart().StartsWith('#') || cells.Length != 2 || !double.TryParse(cells[1], System.Globalization.CultureInfo.InvariantCulture, out var v)) return l;
                return $"{cells[0]} {(v * 1.1).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
            });
            File.WriteAllLines(ddr, lines);
            var made = PublishedDefaults.Build(dir.FullName, Path.Combine(Data, "templates"));
            var platform = made.Files.Single(f => f.RelativePath == PublishedDefaults.PlatformFile);
            Assert.NotEqual(File.ReadAllText(Path.Combine(Data, PublishedDefaults.PlatformFile)), platform.Json);
            var before = ProfileJson.ParsePlatform(File.ReadAllText(Path.Combine(Data, PublishedDefaults.PlatformFile)), "before").MemoryTiers[1].Bandwidth.BytesPerSecond;
            var after = ProfileJson.ParsePlatform(platform.Json, "after").MemoryTiers[1].Bandwidth.BytesPerSecond;
            // The fit is on log rates, so a uniform 10 % scales B by exactly 1.1 up to rounding.
            Assert.Equal(1.1, after / before, 6);
            foreach (var os in made.Files.Where(f => f.RelativePath.StartsWith("os/", StringComparison.Ordinal)))
                Assert.Equal(File.ReadAllText(Path.Combine(Data, os.RelativePath)), os.Json);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_noise_assumptions_in_the_file_are_the_libraries_defaults()
    {
        // One set of defaults: the assumptions file the import reads and NoiseAssumptions.Default, which the library offers,
        // must agree (values and plausible ranges), or a notebook deriving the noise in code would get other profiles.
        var file = ImportAssumptions.Load(Path.Combine(Data, "templates", "assumptions.json"));
        var fromFile = PublishedNoise.Assumptions(file);
        Assert.Equal(NoiseAssumptions.Default, fromFile);
        foreach (var p in NoiseAssumptions.Default.Parameters)
        {
            var a = file[char.ToLowerInvariant(p.Name[0]) + p.Name[1..]];
            Assert.Equal((p.Low, p.High), (a.Low, a.High));
        }
    }

    [Theory]
    [InlineData("""{"knlOverheadFactor": {"value": 1.4, "estimate": "x", "range": [1.2, 2]}}""", "missing assumption(s): knlDurationScale")]
    [InlineData("""{"knlOverheadFactr": {"value": 1.4, "estimate": "x", "range": [1.2, 2]}}""", "$.knlOverheadFactr: unknown assumption")]
    [InlineData("""{"knlOverheadFactor": {"value": 3, "estimate": "x", "range": [1.2, 2]}}""", "lies outside its plausible range")]
    [InlineData("""{"knlOverheadFactor": {"value": 1.4, "range": [1.2, 2]}}""", "an assumption says why")]
    [InlineData("""{"knlOverheadFactor": {"value": 1.4, "estimate": "x", "range": [2, 1.2]}}""", "low <= high")]
    [InlineData("""[1]""", "an assumptions file is a JSON object")]
    [InlineData("""{ nope""", "not valid JSON")]
    public void A_broken_assumptions_file_names_the_file_the_field_and_the_rule(string text, string rule)
    {
        var e = Assert.Throws<PublishedDataException>(() => ImportAssumptions.Parse(text, "a.json"));
        Assert.StartsWith("a.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(rule, e.Message, StringComparison.Ordinal);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var d in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, d)));
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)));
    }
}
