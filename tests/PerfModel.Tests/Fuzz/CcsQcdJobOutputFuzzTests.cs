using CsCheck;
using PerfModel.Calibration.Published;
using PerfModel.Tests.Support;
using Xunit.Sdk;

namespace PerfModel.Tests.Fuzz;

/// <summary>The CCS-QCD job-output importer from hostile hands: the K-computer outputs mutated (a number or word replaced
/// by a hostile value, huge numbers and Fortran's asterisks among them; lines swapped, truncated, removed or repeated;
/// the file cut short or emptied; a very long line; a character inserted; BOM, CRLF, invalid UTF-8). Every case ends in
/// a valid result, whose CSV row can be written, or a <see cref="PublishedDataException"/> naming the file; reading the
/// same text with <see cref="CcsQcdJobOutput.Parse"/> ends the same way.</summary>
public sealed class CcsQcdJobOutputFuzzTests
{
    private static readonly string[] Hostile =
        [.. InputFuzz.Numbers, "************", "99999999999999999999999999999999", "1e12", "1000000000001", "-0.0000", "16*2", "*2", "160160160", "=====", "(S)", "UNKNOWN", ":"];

    public static TheoryData<string> Sources => new()
    {
        "qcd-class1-2013-05-01.o2031498.txt", // one node, no exchange
        "qcd-class2-2013-05-01.o2031500.txt", // 64 nodes, exchanges along x, y, z
        "qcd-class4-2013-05-01.o2035456.txt", // restart notice first, no Loop line, touching lattice fields
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void MutatedJobOutputsLoadOrAreRefusedWithTheFileNamed(string source)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.DataDir, "measured", "ccsqcd_k_results", source));
        using var dir = new TempDir();
        var gen = Gen.Select(Gen.Int[0, 12], Gen.Int[0, 1_000_000], Gen.Int[0, Hostile.Length - 1], Gen.Int[0, 4]);
        var outcomes = new int[2];
        var n = 0;
        SeededProperty.ForAll(gen, seed: 20260702 + (ulong)source.Length + (ulong)source[9], count: FuzzCases.Count, c =>
        {
            var (mutation, pick, number, encoding) = c;
            var file = dir.Sub($"qcd-class{n++ % 8}-fuzz.txt");
            var mutated = Mutate(text, mutation, pick, Hostile[number]);
            var bytes = InputFuzz.Encode(mutated, mutation == 12 ? encoding : 0);
            File.WriteAllBytes(file, bytes);
            string? row = null;
            var error = Run(file, () => row = LoadAndCheck(() => CcsQcdJobOutput.Load(file)));
            outcomes[error is null ? 0 : 1]++;
            if (mutation == 12 && encoding != 0) return; // the bytes are not the text: only Load sees them
            string? parsedRow = null;
            var parseError = Run(file, () => parsedRow = LoadAndCheck(() => CcsQcdJobOutput.Parse(mutated, file)));
            Assert.Equal(error?.Message, parseError?.Message);
            Assert.Equal(row, parsedRow);
        });
        Assert.True(outcomes[0] > 0 && outcomes[1] > 0, $"{outcomes[0]} loaded, {outcomes[1]} refused");
    }

    [Fact]
    public void SpecialAndHugeFilesAreRefusedBeforeReading()
    {
        using var dir = new TempDir();
        var big = dir.Sub("big.txt");
        using (var f = File.Create(big)) f.SetLength((16L << 20) + 1);
        foreach (var file in new[] { "/dev/zero", "/dev/null", dir.Path, big, dir.Sub("missing.txt") }.Where(f => f.StartsWith(dir.Path, StringComparison.Ordinal) || File.Exists(f)))
        {
            var e = Assert.IsType<PublishedDataException>(Run(file, () => CcsQcdJobOutput.Load(file)));
            Assert.Equal("file", e.Field);
            Assert.Matches("regular file|directory|more than|not found", e.Rule);
        }
    }

    /// <summary>Reads with <paramref name="read"/>, checks that the result keeps the rules, and returns its CSV row.</summary>
    private static string LoadAndCheck(Func<CcsQcdJobOutput> read)
    {
        var o = read();
        Assert.True(o.Iterations >= 1, $"iterations {o.Iterations}");
        Assert.True(o.Nodes is >= 1 and <= CcsQcdJobOutput.MaxNodes, $"nodes {o.Nodes}");
        Assert.Equal((long)o.Lattice.X, (long)o.PuLattice.X * o.NodeArray.X);
        Assert.Equal((long)o.Lattice.Y, (long)o.PuLattice.Y * o.NodeArray.Y);
        Assert.Equal((long)o.Lattice.Z, (long)o.PuLattice.Z * o.NodeArray.Z);
        Assert.Equal(o.Lattice.T, o.PuLattice.T);
        Assert.True(o.Tolerance > 0 && o.Residual >= 0 && double.IsFinite(o.Kappa) && double.IsFinite(o.Csw), o.ToString());
        double[] quantities =
        [
            o.Clover.FlopCountPerNode, o.Clover.ElapsedSeconds, o.Clover.FlopsPerSecondPerNode, o.BiCGStab.FlopCountPerNode,
            o.BiCGStab.ElapsedSeconds, o.BiCGStab.FlopsPerSecondPerNode, o.FullCopyYSeconds, o.BiCGStabTotalSeconds,
            o.CloverSummary.Seconds, o.CloverSummary.FlopsPerSecondPerNode, o.BiCGStabSummary.Seconds, o.BiCGStabSummary.FlopsPerSecondPerNode,
            .. o.MpiExchanges.SelectMany(e => new[] { e.Bytes, e.Seconds, e.BytesPerSecond }),
        ];
        Assert.All(quantities, q => Assert.True(double.IsFinite(q) && q >= 0, $"{q} in {o}"));
        Assert.Equal(o.MpiExchanges.Select(e => e.Axis).Distinct().Count(), o.MpiExchanges.Length);
        Assert.All(o.MpiExchanges, e => Assert.True(o.NodeArray.Along(e.Axis) > 1, $"exchange along {e.Axis}"));
        var row = CcsQcdResultsCsv.Row(o);
        Assert.Equal(11, row.Split(',').Length);
        return row;
    }

    /// <summary>Runs one case with the hang timeout; returns the <see cref="PublishedDataException"/> it threw (naming
    /// <paramref name="file"/>, one line), or null when it succeeded. Any other exception fails the case.</summary>
    private static PublishedDataException? Run(string file, Action body)
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

    /// <summary>One mutation: a white-space-separated word replaced by a hostile value (0-2), two lines swapped, a line
    /// truncated, removed or repeated, the file emptied, a very long line, the file cut at a character, a character
    /// inserted, a number multiplied by 10¹⁵, or (12) the text re-encoded.</summary>
    private static string Mutate(string text, int mutation, int pick, string value)
    {
        var lines = text.Split('\n').ToList();
        var i = pick % lines.Count;
        switch (mutation)
        {
            case 0 or 1 or 2:
            {
                var cells = lines[i].Split(' ');
                cells[pick % cells.Length] = value;
                lines[i] = string.Join(" ", cells);
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
            case 8: return text[..(pick % (text.Length + 1))];
            case 9: lines.Insert(i, lines[i]); break;
            case 10:
                const string Inserted = ",\t\"#\0\u00A0é-.e*:=";
                lines[i] = lines[i].Insert(pick % (lines[i].Length + 1), Inserted[pick % Inserted.Length].ToString());
                break;
            case 11:
            {
                var digit = lines[i].IndexOfAny("0123456789".ToCharArray());
                if (digit >= 0) lines[i] = lines[i].Insert(digit, "1000000000000000");
                break;
            }
        }
        return string.Join("\n", lines);
    }
}
