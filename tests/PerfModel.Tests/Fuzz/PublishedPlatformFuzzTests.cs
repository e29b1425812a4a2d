using CsCheck;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Published;
using PerfModel.Tests.Support;
using Xunit.Sdk;

namespace PerfModel.Tests.Fuzz;

/// <summary>The platform-side importers of published measurements (STREAM tables, CPUID leaf 2, OSU data frames,
/// osu_mbw_mr tables) from hostile hands: the published files mutated (cells replaced by hostile numbers or text, lines
/// swapped, truncated, removed or repeated, the file emptied, a very long line, BOM, CRLF, invalid UTF-8). Every case
/// ends in a valid result or a <see cref="PublishedDataException"/> naming the file; a loaded STREAM tier also goes
/// through the saturation fit, which may refuse it only with a <see cref="CalibrationException"/>.</summary>
public sealed class PublishedPlatformFuzzTests
{
    private static readonly string[] Hostile = [.. InputFuzz.Numbers, "0x6A", "FFFFFFFF", "6C6B6A01", "dane", "\"q\"", " ", "#", "8.0", "1e-320"];

    public static TheoryData<string, string> Kinds => new()
    {
        { "stream-dat", "knl7250_stream_triad_karlrupp_mcdram.dat" },
        { "stream-csv", "knl7250_stream_triad_karlrupp.csv" },
        { "cpuid", "knl_cpuid_leaf2.csv" },
        { "osu", "osu_performance_study/osu_latency-64-cpu-dataframe.csv" },
        { "mbw", "opa_osu_mbw_mr_lanl_figures.csv" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MutatedPublishedFilesLoadOrAreRefusedWithTheFileNamed(string kind, string source)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.DataDir, "measured", source));
        if (kind == "osu") text = string.Join("\n", text.Split('\n').Where((line, i) => i == 0 || (i >= 1340 && i < 1400))) + "\n"; // header + 60 rows around the first dane runs
        using var dir = new TempDir();
        var gen = Gen.Select(Gen.Int[0, 11], Gen.Int[0, 1_000_000], Gen.Int[0, Hostile.Length - 1], Gen.Int[0, 4]);
        var outcomes = new int[2];
        var n = 0;
        SeededProperty.ForAll(gen, seed: 20260701 + (ulong)kind.Length, count: FuzzCases.Count, c =>
        {
            var (mutation, pick, number, encoding) = c;
            var file = dir.Sub($"{kind}{n++ % 8}{Path.GetExtension(source)}");
            File.WriteAllBytes(file, InputFuzz.Encode(Mutate(text, mutation, pick, Hostile[number]), mutation == 11 ? encoding : 0));
            var error = Run(file, () => LoadAndCheck(kind, file));
            outcomes[error is null ? 0 : 1]++;
        });
        Assert.True(outcomes[0] > 0 && outcomes[1] > 0, $"{outcomes[0]} loaded, {outcomes[1]} refused");
    }

    [Fact]
    public void SpecialAndHugeFilesAreRefusedBeforeReading()
    {
        using var dir = new TempDir();
        var big = dir.Sub("big.csv");
        using (var f = File.Create(big)) f.SetLength((16L << 20) + 1);
        foreach (var file in new[] { "/dev/zero", "/dev/null", dir.Path, big, dir.Sub("missing.csv") }.Where(f => f.StartsWith(dir.Path, StringComparison.Ordinal) || File.Exists(f)))
            foreach (var (kind, _) in new[] { ("stream-csv", ""), ("cpuid", ""), ("osu", ""), ("mbw", "") })
            {
                var e = Assert.IsType<PublishedDataException>(Run(file, () => LoadAndCheck(kind, file)));
                Assert.Equal("file", e.Field);
                Assert.Matches("regular file|directory|more than|not found", e.Rule);
            }
    }

    /// <summary>Loads with the importer of <paramref name="kind"/> and checks that the result is valid.</summary>
    private static void LoadAndCheck(string kind, string file)
    {
        switch (kind)
        {
            case "stream-dat" or "stream-csv":
                foreach (var tier in StreamTriadTable.Load(file).Tiers)
                {
                    Assert.NotEmpty(tier.Points);
                    Assert.All(tier.Points, p => Assert.True(p.Threads is >= 1 and <= StreamTriadTable.MaxThreads && double.IsFinite(p.BytesPerSecond) && p.BytesPerSecond > 0, p.ToString()));
                    Assert.True(tier.Points.Zip(tier.Points.Skip(1)).All(p => p.First.Threads < p.Second.Threads), "threads unique and ascending");
                    try
                    {
                        var fit = BandwidthSaturationFit.Fit(tier.Points, appCores: 64, seed: 1, resamples: 10);
                        Assert.True(double.IsFinite(fit.PerCoreBandwidth.Value) && fit.PerCoreBandwidth.Value > 0 && double.IsFinite(fit.SaturatedBandwidth.Value) && double.IsFinite(fit.Knee.Value), fit.ToString());
                    }
                    catch (CalibrationException)
                    {
                        // too few points with at most 64 threads: the fit's documented refusal
                    }
                }
                break;
            case "cpuid":
                var leaf2 = CpuidLeaf2.Load(file);
                Assert.All(leaf2.Tlbs, t => Assert.True(t.Entries > 0 && t.Level is 1 or 2));
                Assert.All(leaf2.ToTlbLevels(), l => Assert.True(l.Entries > 0));
                break;
            case "osu":
                var frame = OsuDataFrame.Load(file);
                Assert.NotEmpty(frame.Rows);
                Assert.All(frame.Rows, r => Assert.True(r.SizeBytes >= 0 && double.IsFinite(r.LatencySeconds) && r.LatencySeconds > 0 && r.Nodes >= 1 && r.Env.Length > 0));
                break;
            default:
                var table = OsuMbwMrTable.Load(file);
                Assert.NotEmpty(table.Rows);
                Assert.All(table.Rows, r => Assert.True(r.SizeBytes >= 1 && r.BytesPerSecond > 0 && double.IsFinite(r.BytesPerSecond) && r.MessagesPerSecond > 0));
                break;
        }
    }

    /// <summary>Runs one case with the hang timeout; returns the <see cref="PublishedDataException"/> it threw (naming
    /// <paramref name="file"/>, one line), or null when it succeeded. Any other exception fails the case.</summary>
    private static Exception? Run(string file, Action body)
    {
        var task = Task.Run(body);
        if (!task.ContinueWith(_ => { }, TaskScheduler.Default).Wait(InputFuzz.HangTimeout))
            throw new XunitException($"{file}: still running after {InputFuzz.HangTimeout.TotalSeconds} s (a hang)");
        if (task.Exception is not { } aggregate) return null;
        var e = aggregate.InnerException!;
        if (e is not PublishedDataException p) throw new XunitException($"{file}: unhandled {e.GetType().Name}: {e}");
        Assert.Equal(file, p.File);
        Assert.StartsWith(file, p.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', p.Message);
        Assert.False(string.IsNullOrWhiteSpace(p.Rule));
        return p;
    }

    /// <summary>One mutation: a cell replaced by a hostile value, two lines swapped, a line truncated, removed or
    /// repeated, the file emptied, a very long line, a comment inserted, a character inserted, the header dropped, or
    /// (11) the text re-encoded.</summary>
    private static string Mutate(string text, int mutation, int pick, string value)
    {
        var lines = text.Split('\n').ToList();
        var i = pick % lines.Count;
        switch (mutation)
        {
            case 0 or 1 or 2:
            {
                var separator = lines[i].Contains(',') ? "," : " ";
                var cells = lines[i].Split(separator);
                cells[pick % cells.Length] = value;
                lines[i] = string.Join(separator, cells);
                break;
            }
            case 3:
                var j = (pick / 7) % lines.Count;
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
            case 4: lines[i] = lines[i][..(pick % (lines[i].Length + 1))]; break;
            case 5: lines.RemoveAt(i); break;
            case 6: return pick % 2 == 0 ? "" : "\n\n";
            case 7: lines[i] += new string('7', pick % 100_000); break;
            case 8: lines.Insert(i, "# " + new string('#', pick % 1000)); break;
            case 9: lines.Insert(i, lines[i]); break;
            case 10:
                const string Inserted = ",\t\"#\0\u00A0é-.e";
                lines[i] = lines[i].Insert(pick % (lines[i].Length + 1), Inserted[pick % Inserted.Length].ToString());
                break;
        }
        return string.Join("\n", lines);
    }
}
