using System.Globalization;
using System.Text.Json;
using PerfModel.Tests.Cli;

namespace PerfModel.Tests.Golden;

/// <summary>
/// Every numeric column of predict, validate, noise and report is identical, bit for bit, to the outputs captured at the
/// last deliberate change of the models or the data (tests/golden/baseline; re-captured with the commands of
/// <see cref="Commands"/> when the TLB term, the CCS-QCD layout and the strong-scaling event counts were fixed and the
/// fitted parameters refitted; predict and report re-captured when allreduce rounds became exact at any P, with the
/// pairing exchanges of a non-power-of-two P counted inside a node — at most 0.03 % of a communication time; every noise
/// column re-captured when a message window's delay became one convolution with its law instead of the compound Poisson
/// series run on the delay, and a barrier's age bins likewise — at most 3·10⁻⁶ of a value; Linux's noise, predict,
/// validate and report re-captured when the closed form's grid left a long, rare fixed detour out of its linear part —
/// the predictor's Linux noise delay down by up to 12 %, MiniFE at 1,024 nodes 2.40× → 2.24× on McKernel; every noise
/// column re-captured when the grid convolution summed each row's smaller points from prefix sums and its cells' runs in
/// registers — the same split up to rounding, at most 2·10⁻¹⁴ of a value). Text that changed on purpose is listed in <see cref="ChangedText"/>; every other cell must
/// match too. A value computed another way (a sum reordered, a constant recomputed) fails here even when it is off by
/// one unit in the last place.
/// </summary>
public sealed class BaselineOutputTests
{
    private static string Baseline(string name) => File.ReadAllText(Path.Combine(GoldenFile.Dir, "baseline", name));

    /// <summary>Columns (by file) whose text was changed on purpose since the capture (none now).</summary>
    private static readonly Dictionary<string, string[]> ChangedText = [];

    public static TheoryData<string, string[]> Commands => new()
    {
        { "predict.csv", ["predict", "--format", "csv"] },
        { "predict-heap-whatif.csv", ["predict", "--os", "linux,mos", "--heap-policy-from", "mos", "--nodes", "1,64,1024", "--format", "csv"] },
        { "predict-ddr-whatif.csv", ["predict", "--placement", "ddr-only", "--app", "ccs-qcd,lulesh2", "--nodes", "1-2048", "--format", "csv"] },
        { "validate.csv", ["validate", "--no-sensitivity", "--format", "csv"] },
        { "noise-linux-barrier.csv", ["noise", "--os", "linux", "--format", "csv"] },
        { "noise-mos-rd.csv", ["noise", "--os", "mos", "--collective", "allreduce-rd", "--format", "csv"] },
        { "noise-linux-tree.csv", ["noise", "--os", "linux", "--collective", "tree", "--ranks", "64-131072", "--format", "csv"] },
        { "noise-mck-diss.csv", ["noise", "--os", "mckernel", "--collective", "barrier", "--format", "csv"] },
        { "noise-spec-rd.csv", ["noise", "--noise", "poisson(rate=1000/s, dur=exp(5us)) + poisson(rate=0.1/s, dur=pareto(scale=10us, alpha=2.5))", "--collective", "allreduce-rd", "--round", "2us", "--format", "csv"] },
        { "noise-trace.csv", ["noise", "--noise", "trace(" + Path.Combine(RepoPaths.Root(), "data", "noise", "kvm-2core-fwq.csv") + ")", "--work", "1ms", "--format", "csv"] },
        { "noise-linux-sim.csv", ["noise", "--os", "linux", "--method", "simulate", "--trials", "50", "--ranks", "64,1024", "--format", "csv"] },
        { "noise-cosched.csv", ["noise", "--noise", "poisson(rate=1kHz, dur=lognormal(median=2us, sigma=1)) @cosched", "--collective", "allreduce-rd", "--format", "csv"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Csv_outputs_match_the_baseline(string baseline, string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.True(code == 0, error);
        AssertSameCsv(baseline, Baseline(baseline), output);
    }

    [Theory]
    [InlineData("predict.json", new[] { "predict", "--format", "json" })]
    [InlineData("validate.json", new[] { "validate", "--no-sensitivity", "--format", "json" })]
    public void Json_outputs_match_the_baseline(string baseline, string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.True(code == 0, error);
        using var expected = JsonDocument.Parse(Baseline(baseline));
        using var actual = JsonDocument.Parse(output);
        AssertSameJson(baseline, "$", expected.RootElement, actual.RootElement);
    }

    [Fact]
    public void Report_data_match_the_baseline()
    {
        using var dir = new TempDir();
        var (code, _, error) = CliRunner.Run("report", "--no-images", "--no-sensitivity", "--out", dir.Sub("r"));
        Assert.True(code == 0, error);
        var names = Directory.GetFiles(Path.Combine(GoldenFile.Dir, "baseline", "report")).Select(Path.GetFileName).OfType<string>().Order().ToArray();
        Assert.Equal(names, Directory.GetFiles(dir.Sub("r", "data")).Select(Path.GetFileName).OfType<string>().Order().ToArray());
        foreach (var name in names)
            AssertSameCsv("report/" + name, Baseline("report/" + name), File.ReadAllText(dir.Sub("r", "data", name)));
    }

    [Fact]
    public void A_changed_number_fails_the_comparison()
    {
        // The comparison itself can fail: the last digit of one runtime changed.
        var text = Baseline("predict.csv");
        var table = CsvTable.Parse(text);
        var col = table.Column("runtime_s");
        var row = table.Rows[5];
        var changed = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(double.Parse(row[col], CultureInfo.InvariantCulture)) + 1);
        var edited = text.Replace(string.Join(',', row), string.Join(',', row.Select((c, i) => i == col ? changed.ToString("R", CultureInfo.InvariantCulture) : c)));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertSameCsv("predict.csv", text, edited));
    }

    private static void AssertSameCsv(string name, string expectedText, string actualText)
    {
        var e = CsvTable.Parse(expectedText);
        var a = CsvTable.Parse(actualText);
        Assert.Equal(e.Header, a.Header);
        Assert.Equal(e.Rows.Count, a.Rows.Count);
        var changed = ChangedText.GetValueOrDefault(name, []);
        for (var r = 0; r < e.Rows.Count; r++)
            for (var c = 0; c < e.Header.Length; c++)
            {
                if (changed.Contains(e.Header[c])) continue;
                var (x, y) = (e.Rows[r][c], a.Rows[r][c]);
                if (double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var dx) && double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var dy))
                    Assert.True(dx.Equals(dy), $"{name} row {r + 1} column {e.Header[c]}: baseline {x}, now {y}");
                else
                    Assert.True(x == y, $"{name} row {r + 1} column {e.Header[c]}: baseline '{x}', now '{y}'");
            }
    }

    private static void AssertSameJson(string name, string path, JsonElement e, JsonElement a)
    {
        Assert.True(e.ValueKind == a.ValueKind, $"{name} {path}: baseline {e.ValueKind}, now {a.ValueKind}");
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var ep = e.EnumerateObject().Select(p => p.Name).ToArray();
                Assert.Equal(ep, a.EnumerateObject().Select(p => p.Name).ToArray());
                foreach (var p in ep)
                    if (p != "source") AssertSameJson(name, $"{path}.{p}", e.GetProperty(p), a.GetProperty(p));
                break;
            case JsonValueKind.Array:
                Assert.Equal(e.GetArrayLength(), a.GetArrayLength());
                for (var i = 0; i < e.GetArrayLength(); i++) AssertSameJson(name, $"{path}[{i}]", e[i], a[i]);
                break;
            case JsonValueKind.Number:
                Assert.True(e.GetDouble().Equals(a.GetDouble()), $"{name} {path}: baseline {e.GetRawText()}, now {a.GetRawText()}");
                break;
            default:
                Assert.True(e.GetRawText() == a.GetRawText(), $"{name} {path}: baseline {e.GetRawText()}, now {a.GetRawText()}");
                break;
        }
    }
}
