using System.Globalization;
using PerfModel.Calibration.Published;
using static PerfModel.Tests.Calibration.Published.PublishedData;

namespace PerfModel.Tests.Calibration.Published;

/// <summary>The CCS-QCD job-output importer against the 20 K-computer outputs of 2013 (values typed here from the files),
/// the CSV the CCS-QCD profile cites (made from them, cell for cell and byte for byte), and its refusals of malformed
/// outputs.</summary>
public sealed class CcsQcdJobOutputTests
{
    private const string Class1 = "qcd-class1-2013-05-01.o2031498.txt";
    private const string Class2 = "qcd-class2-2013-05-01.o2031500.txt";
    private const string Class4Restarted = "qcd-class4-2013-05-01.o2035456.txt";

    private static string Output(string name) => Measured(Path.Combine("ccsqcd_k_results", name));

    [Fact]
    public void Class2RunHasThePrintedValues()
    {
        var o = CcsQcdJobOutput.Load(Output(Class2));
        Assert.Equal(Output(Class2), o.File);
        Assert.Equal(2, o.Class);
        Assert.Equal(new CcsQcdLattice(32, 32, 32, 32), o.Lattice);
        Assert.Equal(new CcsQcdNodeArray(4, 4, 4), o.NodeArray);
        Assert.Equal(64, o.Nodes);
        Assert.Equal(new CcsQcdLattice(8, 8, 8, 32), o.PuLattice); // "8  8  8  16*2"
        Assert.Equal(1, o.Loop);
        Assert.Equal(0.124, o.Kappa);
        Assert.Equal(1.0, o.Csw);
        Assert.Equal(1e-13, o.Tolerance);
        Assert.Equal(270, o.Iterations);
        Assert.Equal(0.866546493820905E-13, o.Residual);
        // MFlop and MFlop/s × 10⁶ and GFLOPS × 10⁹ are exact (decimal scaling); seconds are as printed.
        Assert.Equal(new CcsQcdKernelPerformance(256_404_000, 0.0774, 3_313_305_800), o.Clover);
        Assert.Equal(new CcsQcdKernelPerformance(9_607_053_300, 3.2128, 2_990_245_900), o.BiCGStab);
        Assert.Equal(0.3421, o.FullCopyYSeconds);
        Assert.Equal(['X', 'Y', 'Z'], o.MpiExchanges.Select(e => e.Axis));
        var x = o.MpiExchange('X')!;
        Assert.Equal(216.75 * 1_048_576, x.Bytes);
        Assert.Equal(0.0692, x.Seconds);
        Assert.Equal(3132.7157 * 1_048_576, x.BytesPerSecond, 1e-6);
        Assert.Equal(0.0685, o.MpiExchange('Y')!.Seconds);
        Assert.Equal(0.0723, o.MpiExchange('Z')!.Seconds);
        Assert.Equal(3.2128, o.BiCGStabTotalSeconds);
        Assert.Equal(new CcsQcdProfilerSummary(0.077, 3_317_000_000), o.CloverSummary);
        Assert.Equal(new CcsQcdProfilerSummary(3.213, 2_990_000_000), o.BiCGStabSummary);
    }

    [Fact]
    public void SingleNodeRunHasNoExchange()
    {
        var o = CcsQcdJobOutput.Load(Output(Class1));
        Assert.Equal(1, o.Class);
        Assert.Equal(new CcsQcdLattice(8, 8, 8, 32), o.Lattice);
        Assert.Equal(1, o.Nodes);
        Assert.Equal(new CcsQcdLattice(8, 8, 8, 32), o.PuLattice);
        Assert.Equal(272, o.Iterations);
        Assert.Empty(o.MpiExchanges);
        Assert.Null(o.MpiExchange('X'));
        Assert.Equal(new CcsQcdKernelPerformance(9_678_225_400, 0.5352, 18_084_859_200), o.BiCGStab);
        Assert.Equal(new CcsQcdProfilerSummary(0.536, 18_051_000_000), o.BiCGStabSummary);
    }

    [Fact]
    public void RestartedClass4RunSkipsTheJobSystemsNoticeAndReadsTouchingFields()
    {
        // The file starts with a restart notice (its own '-' rules); "160160160 160" is 3I3,I4 with no space to spare;
        // the class-4 outputs have no Loop line. The three timings of the solve differ.
        var o = CcsQcdJobOutput.Load(Output(Class4Restarted));
        Assert.Equal(4, o.Class);
        Assert.Equal(new CcsQcdLattice(160, 160, 160, 160), o.Lattice);
        Assert.Equal(new CcsQcdNodeArray(20, 20, 20), o.NodeArray);
        Assert.Equal(8000, o.Nodes);
        Assert.Equal(new CcsQcdLattice(8, 8, 8, 160), o.PuLattice);
        Assert.Null(o.Loop);
        Assert.Equal(352, o.Iterations);
        Assert.Equal(5.9184, o.BiCGStab.ElapsedSeconds);
        Assert.Equal(5.9211, o.BiCGStabTotalSeconds);
        Assert.Equal(5.921, o.BiCGStabSummary.Seconds);
        Assert.Equal(new CcsQcdKernelPerformance(1_276_545_500, 1.0214, 1_249_826_500), o.Clover);
        Assert.Equal(0.3379, o.MpiExchange('X')!.Seconds);
    }

    [Fact]
    public void TheDirectoryHoldsTwentyRunsOfFourClassesInNameOrder()
    {
        var outputs = CcsQcdJobOutput.LoadDirectory(Measured("ccsqcd_k_results"));
        Assert.Equal(20, outputs.Length);
        var names = outputs.Select(o => Path.GetFileName(o.File)).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        var byClass = outputs.GroupBy(o => o.Class!.Value).OrderBy(g => g.Key).ToArray();
        Assert.Equal([1, 2, 3, 4], byClass.Select(g => g.Key));
        Assert.Equal([5, 7, 5, 3], byClass.Select(g => g.Count()));
        Assert.Equal([1L, 64, 512, 8000], byClass.Select(g => g.Select(o => o.Nodes).Distinct().Single()));
        Assert.Equal([272, 270, 336, 352], byClass.Select(g => g.Select(o => o.Iterations).Distinct().Single()));
        // Weak scaling: 8³ sites per process in x, y, z throughout.
        Assert.All(outputs, o => Assert.Equal((8, 8, 8), (o.PuLattice.X, o.PuLattice.Y, o.PuLattice.Z)));
    }

    /// <summary>The independent truth is the checked-in CSV that <c>data/apps/ccs-qcd.json</c> cites: every cell is
    /// compared as a number with the value read from the raw output (ms_per_iter with its derivation, time ÷ iterations
    /// × 1000).</summary>
    [Fact]
    public void TheCheckedInCsvHoldsExactlyTheNumbersOfTheRawOutputs()
    {
        var outputs = CcsQcdJobOutput.LoadDirectory(Measured("ccsqcd_k_results"));
        var csv = File.ReadAllLines(Measured("ccsqcd_k_computer_results.csv"));
        Assert.Equal(CcsQcdResultsCsv.Header, csv[0]);
        Assert.Equal(outputs.Length, csv.Length - 1);
        var mismatches = new List<string>();
        for (var r = 0; r < outputs.Length; r++)
        {
            var o = outputs[r];
            var cells = csv[r + 1].Split(',');
            Assert.Equal(11, cells.Length);
            void Check(string column, bool same) { if (!same) mismatches.Add($"row {r + 2} {cells[0]} {column}: CSV {cells[Array.IndexOf(csv[0].Split(','), column)]}"); }
            double D(int i) => double.Parse(cells[i], CultureInfo.InvariantCulture);
            Check("file", cells[0] == Path.GetFileName(o.File));
            Check("class", int.Parse(cells[1], CultureInfo.InvariantCulture) == o.Class);
            Check("lattice", Extents(cells[2]) == (o.Lattice.X, o.Lattice.Y, o.Lattice.Z, o.Lattice.T));
            Check("nodes", long.Parse(cells[3], CultureInfo.InvariantCulture) == o.Nodes);
            Check("bicgstab_iters", int.Parse(cells[4], CultureInfo.InvariantCulture) == o.Iterations);
            Check("bicgstab_time_s", D(5) == o.BiCGStabSummary.Seconds);
            Check("bicgstab_gflops_per_node", D(6) * 1e9 == o.BiCGStabSummary.FlopsPerSecondPerNode);
            Check("ms_per_iter", D(7) == o.BiCGStabSummary.Seconds / o.Iterations * 1000);
            Check("clover_time_s", D(8) == o.CloverSummary.Seconds);
            Check("clover_gflops_per_node", D(9) * 1e9 == o.CloverSummary.FlopsPerSecondPerNode);
            Check("mpi_commX_time_s", cells[10].Length == 0 ? o.MpiExchange('X') is null : D(10) == o.MpiExchange('X')?.Seconds);
        }
        Assert.True(mismatches.Count == 0, "CSV cells that disagree with the raw outputs: " + string.Join("; ", mismatches));
    }

    [Fact]
    public void RenderingTheTwentyOutputsGivesTheCheckedInCsvByteForByte() =>
        Assert.Equal(File.ReadAllText(Measured("ccsqcd_k_computer_results.csv")),
            CcsQcdResultsCsv.Render(CcsQcdJobOutput.LoadDirectory(Measured("ccsqcd_k_results"))));

    [Fact]
    public void ParseOfTheTextAndCrlfGiveWhatLoadGives()
    {
        var text = File.ReadAllText(Output(Class2));
        var loaded = CcsQcdJobOutput.Load(Output(Class2));
        var parsed = CcsQcdJobOutput.Parse(text, Class2);
        var crlf = CcsQcdJobOutput.Parse(text.Replace("\n", "\r\n", StringComparison.Ordinal), Class2);
        Assert.Equal(CcsQcdResultsCsv.Row(loaded), CcsQcdResultsCsv.Row(parsed));
        Assert.Equal(CcsQcdResultsCsv.Row(loaded), CcsQcdResultsCsv.Row(crlf));
        Assert.Equal(loaded with { File = Class2 }, parsed with { MpiExchanges = loaded.MpiExchanges });
        Assert.Equal(loaded.MpiExchanges.ToArray(), parsed.MpiExchanges.ToArray());
    }

    [Fact]
    public void ClassIsNullWithoutTheFiberNameAndAWholeNumberIsWrittenWithPointZero()
    {
        var o = CcsQcdJobOutput.Parse(File.ReadAllText(Output(Class2)), "run-2.out");
        Assert.Null(o.Class);
        var row = CcsQcdResultsCsv.Row(o with { BiCGStabSummary = new CcsQcdProfilerSummary(3, 2_000_000_000) }).Split(',');
        Assert.Equal(["run-2.out", "", "32_32_32__32", "64", "270", "3.0", "2.0"], row[..7]);
    }

    [Fact]
    public void WhiteSpaceSeparatedExtentsAreReadToo()
    {
        var text = File.ReadAllText(Output(Class2)).Replace("Lattice Size : 32 32 32  32", "Lattice Size : 32 32 32 32", StringComparison.Ordinal);
        Assert.Equal(new CcsQcdLattice(32, 32, 32, 32), CcsQcdJobOutput.Parse(text, "a.txt").Lattice);
    }

    public static TheoryData<string, string?, int?, string, string> Malformed => new()
    {
        // lines of the class-2 output replaced (a range "a-b" or one line; null deletes), then line, field, part of the rule
        { "21", "  Iter =     0", 21, "Iter", "must be >= 1" },
        { "21", "  Iter =    -5", 21, "Iter", "must be >= 1" },
        { "21", "  Iter =   2x0", 21, "Iter", "is not a whole number" },
        { "21", null, 13, "Iter", "has no 'Iter =' line" },
        { "21", "  Iter =   270\n  Iter =   271", 22, "Iter", "appears again (first on line 21)" },
        { "22", "   Res =    NaN", 22, "Res", "is not a finite number" },
        { "32", "          Elapsed Time [sec] :     -3.2128", 32, "BiCGStab Elapsed Time [sec]", "is negative" },
        { "26", "           Flop [MFlop/node] :    256.4O40", 26, "Clover Flop [MFlop/node]", "is not a finite number" },
        { "28", "Performance [MFlop/sec/node] :************", 28, "Clover Performance [MFlop/sec/node]", "overflowed Fortran field" },
        { "31", "           Flop [MFlop/node] :   1e300", 31, "BiCGStab Flop [MFlop/node]", "is more than 1E+12" },
        { "27", "          Elapsed Time [sec] :      0.0774\n          Elapsed Time [sec] :      0.0775", 28, "Clover Elapsed Time [sec]", "appears again (first on line 27)" },
        { "44-46", null, 24, "BiCGStab Total", "has no 'BiCGStab Total' section" },
        { "45", "  BiCGStab Grand Total", 45, "performance", "is not a section title" },
        { "29", "--------------------------------------------------------------------------------\n--------------------------------------------------------------------------------", 30, "performance", "an empty section" },
        { "33", "       Speed [MFlop/sec/node] :   2990.2459", 33, "BiCGStab", "is not a line of the BiCGStab section" },
        { "34", null, 30, "BiCGStab Full Copy_y Time [sec]", "the section has no 'Full Copy_y Time [sec] :' line" },
        { "39", null, 38, "BiCGStab MPI Commun. TimeY", "has no 'Time' line" },
        { "38-40", null, 30, "BiCGStab MPI Commun. TimeY", "the node array has 4 processes along Y" },
        { "36", "    MPI Commun. TimeX  [ms] :      0.0692", 36, "BiCGStab MPI Commun. TimeX  [ms]", "the unit is 'ms'" },
        { "6", "    Lattice Size : 32 32 3x  32", 6, "Lattice Size", "is not 4 whole numbers" },
        { "6", null, 2, "Lattice Size", "the header (lines 2-12) has no 'Lattice Size :' line" },
        { "7", " Node Array Size :  4  0  4", 7, "Node Array Size", "0 is outside 1 to 1000000" },
        { "8", " PU Lattice Size :  8  8  4  16*2", 8, "PU Lattice Size", "along Z make 16, but the lattice has 32" },
        { "8", " PU Lattice Size :  8  8  8  16", 8, "PU Lattice Size", "must end in '*2'" },
        { "9", "            Loop :        0", 9, "Loop", "must be >= 1" },
        { "10", "           Kappa :      big", 10, "Kappa", "is not a finite number" },
        { "12", "             Tol : -0.100000E-12", 12, "Tol", "must be > 0" },
        { "13", null, 23, "Iter", "has no 'Iter =' line" }, // the header's closing rule lost: the blocks shift
        { "49", "Clover + Clover_inv FLOPS:   fast (GFLOPS)", 49, "Clover + Clover_inv FLOPS", "is not a finite number" },
        { "52", "BiCGStab Total Time:                                3.213 (MS)", 52, "BiCGStab Total Time", "must be followed by '(S)'" },
        { "53", null, 47, "BiCGStab Total FLOPS", "has no 'BiCGStab Total FLOPS:' line" },
        { "50", "Clover + Clover_inv Latency:   UNKNOWN", 50, "profiler summary", "is not a '<section> Time|FLOPS|Throughput" },
        { "57", "    Lattice Size : 32 32 32  32", 57, "header", "a second run's header" },
        { "48-62", null, 47, "profiler summary", "the file ends here" },
        { "30-62", null, 29, "performance", "the file ends here" },
        { "14-62", null, 13, "Iter", "the file ends here" },
        { "3-62", null, 2, "header", "the header is not closed" },
        { "2-62", null, 1, "header", "no '=' rule line opens a header" },
        { "1-62", null, null, "file", "is empty" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedOutputsAreRefusedWithTheFileLineAndFieldNamed(string lines, string? replacement, int? line, string field, string rule)
    {
        var text = File.ReadAllText(Output(Class2)).Split('\n').ToList();
        var dash = lines.IndexOf('-', StringComparison.Ordinal);
        var first = int.Parse(dash < 0 ? lines : lines[..dash], CultureInfo.InvariantCulture);
        var last = dash < 0 ? first : int.Parse(lines[(dash + 1)..], CultureInfo.InvariantCulture);
        text.RemoveRange(first - 1, last - first + 1);
        if (replacement is not null) text.Insert(first - 1, replacement);
        using var files = new TempFiles();
        var path = files.Write("qcd-class2-x.txt", string.Join("\n", text));
        Refused(path, () => CcsQcdJobOutput.Load(path), line, field, rule);
        Refused("named.txt", () => CcsQcdJobOutput.Parse(string.Join("\n", text), "named.txt"), line, field, rule);
    }

    [Fact]
    public void AnExchangeOnASingleNodeRunIsRefused()
    {
        var text = File.ReadAllText(Output(Class1)).Replace(
            "      Full Copy_y Time [sec] :      0.0508\n",
            "      Full Copy_y Time [sec] :      0.0508\n    MPI Commun. SizeX[Mbyte] :    216.7500\n    MPI Commun. TimeX  [sec] :      0.0692\n    MPI Commun. BandX [MB/s] :   3132.7157\n",
            StringComparison.Ordinal);
        Refused("one.txt", () => CcsQcdJobOutput.Parse(text, "one.txt"), 35, "BiCGStab MPI Commun. SizeX", "the node array has one process along X");
    }

    [Fact]
    public void MissingFilesAndDirectoriesAreRefused()
    {
        using var files = new TempFiles();
        var missing = files.PathOf("none.txt");
        Refused(missing, () => CcsQcdJobOutput.Load(missing), null, "file", "file not found");
        var dir = Path.GetDirectoryName(missing)!;
        Refused(dir, () => CcsQcdJobOutput.Load(dir), null, "file", "is a directory");
        Refused(missing, () => CcsQcdJobOutput.LoadDirectory(missing), null, "directory", "directory not found");
        Refused(dir, () => CcsQcdJobOutput.LoadDirectory(dir), null, "directory", "holds no *.txt job output");
        var bad = files.Write("bad.txt", "not an output\n");
        Refused(bad, () => CcsQcdJobOutput.LoadDirectory(dir), 1, "header", "no '=' rule line opens a header");
        Refused(bad, () => CcsQcdJobOutput.LoadDirectory(bad), null, "directory", "is a file");
    }

    /// <summary>A lattice cell of the CSV ("32_32_32__32", "160160160_160") read back as the output's 3I3,I4 fields.</summary>
    private static (int, int, int, int) Extents(string cell)
    {
        var text = cell.Replace('_', ' ').PadLeft(13);
        int At(int start, int width) => int.Parse(text.AsSpan(start, width).Trim(), CultureInfo.InvariantCulture);
        return (At(0, 3), At(3, 3), At(6, 3), At(9, 4));
    }
}
