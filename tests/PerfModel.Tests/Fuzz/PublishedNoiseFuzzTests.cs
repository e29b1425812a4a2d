using CsCheck;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Published;
using PerfModel.Tests.Calibration.Published;
using Xunit.Sdk;

namespace PerfModel.Tests.Fuzz;

/// <summary>The published-noise tables (osjitter figures, LLNL FWQ summary) from hostile hands: the files of data/measured
/// mutated (a cell replaced by NaN/Infinity/negative/huge/non-numeric text, lines swapped, truncated, removed or repeated,
/// a header cell renamed, the file emptied, a very long line, BOM, CRLF, invalid UTF-8). Every case ends in a valid table —
/// whose rows pass their own rules again and, for osjitter, summarise and fit without an unexpected error — or in a
/// <see cref="PublishedDataException"/> naming the file.</summary>
public sealed class PublishedNoiseFuzzTests
{
    [Fact]
    public void Mutated_osjitter_tables_load_or_fail_naming_the_file() =>
        Fuzz(PublishedNoiseFiles.Osjitter, 20260701, path =>
        {
            var t = PercentileTable.Load(path);
            Assert.NotEmpty(t.Rows);
            foreach (var r in t.Rows)
            {
                // A valid row stays valid when made again, and its order statistics make a valid summary.
                _ = new PercentileRow(r.Config, r.Cpu, r.Isolated, r.Interruptions, r.RunSeconds, r.SumSeconds, r.QuantilesSeconds[0], r.QuantilesSeconds[1],
                    r.QuantilesSeconds[2], r.QuantilesSeconds[3], r.QuantilesSeconds[4], r.QuantilesSeconds[5], r.MaxSeconds);
                _ = r.ToDetourSummary();
            }
            if (t.Rows.FirstOrDefault(r => r.Interruptions > 0) is { } busy)
            {
                try
                {
                    var fit = DetourProcessFit.Fit([busy.ToDetourSummary()], seed: 1, resamples: 3);
                    Assert.True(fit.RatePerSecond > 0 && double.IsFinite(fit.RatePerSecond));
                }
                catch (CalibrationException)
                {
                    // a documented refusal of the fit (e.g. values whose fitted scale overflows)
                }
            }
        });

    [Fact]
    public void Mutated_fwq_summaries_load_or_fail_naming_the_file() =>
        Fuzz(PublishedNoiseFiles.Fwq, 20260702, path =>
        {
            var f = FwqSummary.Load(path);
            Assert.NotEmpty(f.Rows);
            foreach (var r in f.Rows)
                _ = new FwqSummaryRow(r.Run, r.Worker, r.Cpu, r.Count, r.MeanSeconds, r.StdSeconds, r.MinSeconds, r.P25Seconds, r.MedianSeconds, r.P75Seconds, r.MaxSeconds);
        });

    [Fact]
    public void Special_and_huge_files_are_refused_before_reading()
    {
        using var dir = new TempDir();
        var big = dir.Sub("big.csv");
        using (var f = File.Create(big)) f.SetLength((1L << 20) + 1);
        foreach (var file in new[] { "/dev/zero", "/dev/null", dir.Path, big, dir.Sub("missing.csv") })
        {
            var e = Assert.Throws<PublishedDataException>(() => PercentileTable.Load(file));
            Assert.Equal(file, e.File);
            Assert.Matches("regular file|directory|more than|not found", e.Rule);
        }
    }

    private static readonly string[] Headers = ["config", "cpu", "max_ns", "run", "std_us", "p50_us", "", "CPU", "max_ns,max_ns"];

    private static void Fuzz(string source, ulong seed, Action<string> load)
    {
        using var dir = new TempDir();
        var text = File.ReadAllText(source);
        var gen = Gen.Select(Gen.Int[0, 11], Gen.Int[0, 1_000_000], Gen.Int[0, InputFuzz.Numbers.Length - 1], Gen.Int[0, 4]);
        var outcomes = new int[2];
        var n = 0;
        SeededProperty.ForAll(gen, seed, FuzzCases.Count, c =>
        {
            var (mutation, pick, number, encoding) = c;
            var path = dir.Sub($"table{n++ % 8}.csv");
            File.WriteAllBytes(path, InputFuzz.Encode(Mutate(text, mutation, pick, InputFuzz.Numbers[number]), mutation == 11 ? encoding : 0));
            try
            {
                load(path);
                outcomes[0]++;
            }
            catch (PublishedDataException e)
            {
                Assert.Equal(path, e.File);
                Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(e.Field) || string.IsNullOrWhiteSpace(e.Rule), e.Message);
                Assert.True(e.Line is null or > 0, e.Message);
                outcomes[1]++;
            }
            catch (Exception e) when (e is not XunitException)
            {
                throw new XunitException($"{path}: unhandled {e.GetType().Name}: {e}");
            }
        });
        Assert.True(outcomes[0] > 0 && outcomes[1] > 0, $"{outcomes[0]} valid, {outcomes[1]} refused");
    }

    /// <summary>One mutation of a table: a cell replaced (0-2), lines swapped (3), a line truncated (4), removed (5) or
    /// repeated (6), the file emptied (7), a very long line (8), a header cell renamed (9), a comment inserted (10), or
    /// the text re-encoded (11: BOM, CRLF, invalid UTF-8).</summary>
    private static string Mutate(string text, int mutation, int pick, string number)
    {
        var lines = text.Split('\n').ToList();
        var data = Enumerable.Range(0, lines.Count).Where(i => lines[i].Length > 0 && !lines[i].StartsWith('#')).ToArray();
        var i = data[pick % data.Length];
        switch (mutation)
        {
            case 0 or 1 or 2:
            {
                var cells = lines[i].Split(',');
                cells[pick % cells.Length] = number;
                lines[i] = string.Join(",", cells);
                break;
            }
            case 3:
                var j = data[(pick / 7) % data.Length];
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
            case 4: lines[i] = lines[i][..(pick % (lines[i].Length + 1))]; break;
            case 5: lines.RemoveAt(i); break;
            case 6: lines.Insert(i, lines[i]); break;
            case 7: return "";
            case 8: lines[i] += new string('7', pick % 100_000); break;
            case 9:
            {
                var cells = lines[data[0]].Split(',');
                cells[pick % cells.Length] = Headers[pick % Headers.Length];
                lines[data[0]] = string.Join(",", cells);
                break;
            }
            case 10: lines.Insert(i, "# " + new string('#', pick % 1000)); break;
        }
        return string.Join("\n", lines);
    }
}
