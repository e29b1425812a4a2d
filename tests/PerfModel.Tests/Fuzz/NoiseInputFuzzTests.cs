using System.Collections.Immutable;
using CsCheck;
using PerfModel.Calibration.Noise;
using PerfModel.Calibration.Synthesis;
using PerfModel.Noise.Spec;
using PerfModel.Tests.Support;

namespace PerfModel.Tests.Fuzz;

/// <summary>Noise specs, FWQ and LogGOPSim traces and calibration directories from hostile hands: valid inputs mutated
/// (numbers NaN/Infinity/negative/zero/subnormal/huge, unknown units, unsorted or non-numeric samples, truncated lines,
/// BOM, CRLF, invalid UTF-8, special files). Every case gives a usable noise profile (finite closed forms, never below the
/// noise-free step) or the project's error naming the spec position or the file.</summary>
public sealed class NoiseInputFuzzTests
{
    private static readonly string[] Specs =
    [
        "poisson(rate=1000/s, dur=fixed(2us))", "poisson(rate=1kHz, dur=exp(2.5us))", "poisson(rate=5/s, dur=lognormal(median=20us, sigma=1))",
        "poisson(rate=0.1/s, dur=pareto(scale=10us, alpha=2.5))", "periodic(freq=1kHz, dur=fixed(2us)) @cosched",
        "poisson(rate=20/s, dur=fixed(50us)) | nodes(1%: poisson(rate=1/s, dur=fixed(10ms)))", "none",
    ];

    private static readonly string[] Units = ["ns", "us", "µs", "ms", "s", "/s", "Hz", "kHz", "MHz", "ps", "h", "", "%", "/ms", "xs"];

    [Fact]
    public void MutatedSpecsParseToUsableNoiseOrFailAtAPosition()
    {
        var gen = Gen.Select(Gen.Int[0, Specs.Length - 1], Gen.Int[0, 6], Gen.Int[0, 1_000_000], Gen.Int[0, InputFuzz.Numbers.Length - 1], Gen.Int[0, Units.Length - 1]);
        var outcomes = new int[2];
        SeededProperty.ForAll(gen, seed: 20260613, count: FuzzCases.Count, c =>
        {
            var (index, mutation, pick, number, unit) = c;
            var spec = MutateSpec(Specs[index], mutation, pick, InputFuzz.Numbers[number], Units[unit]);
            var error = InputFuzz.Run(spec, () => InputFuzz.AssertFinite(NoiseSpec.Parse(spec)));
            if (error is NoiseSpecException e)
                Assert.InRange(e.Position, 0, spec.Length);
            outcomes[error is null ? 0 : 1]++;
        });
        Assert.True(outcomes[0] > 0 && outcomes[1] > 0, $"{outcomes[0]} valid, {outcomes[1]} refused");
    }

    /// <summary>One mutation of a spec: a number replaced, a unit replaced, truncation, a character inserted, doubled
    /// terms, a very long spec.</summary>
    private static string MutateSpec(string spec, int mutation, int pick, string number, string unit)
    {
        var digits = Enumerable.Range(0, spec.Length).Where(i => char.IsAsciiDigit(spec[i]) && (i == 0 || !char.IsAsciiDigit(spec[i - 1]) && spec[i - 1] != '.')).ToArray();
        switch (mutation)
        {
            case 0 when digits.Length > 0:
            {
                var at = digits[pick % digits.Length];
                var end = at;
                while (end < spec.Length && (char.IsAsciiDigit(spec[end]) || spec[end] == '.')) end++;
                return spec[..at] + number + spec[end..];
            }
            case 1 when digits.Length > 0:
            {
                var at = digits[pick % digits.Length];
                var end = at;
                while (end < spec.Length && (char.IsAsciiDigit(spec[end]) || spec[end] == '.')) end++;
                var unitEnd = end;
                while (unitEnd < spec.Length && (char.IsLetter(spec[unitEnd]) || spec[unitEnd] == '/')) unitEnd++;
                return spec[..end] + unit + spec[unitEnd..];
            }
            case 2: return spec[..(pick % (spec.Length + 1))];
            case 3:
                const string Inserted = "()=,+|@\"\t\0\u00A0é";
                return spec.Insert(pick % (spec.Length + 1), Inserted[pick % Inserted.Length].ToString());
            case 4: return string.Join(" + ", Enumerable.Repeat(spec.Split('|')[0].Replace("@cosched", "", StringComparison.Ordinal), 1 + pick % 5));
            case 5: return spec.Replace("(", "(" + new string(' ', pick % 5000), StringComparison.Ordinal);
            default: return "poisson(rate=" + new string('9', 1 + pick % 400) + "/s, dur=fixed(1ns))";
        }
    }

    [Fact]
    public void MutatedTracesLoadToUsableNoiseOrFailWithTheFileNamed()
    {
        using var dir = new TempDir();
        var fwq = "# samples_per_core=1000 detour_threshold_ns=5000\ncore,kind,index,value_ns\n0,min,-1,1000\n0,mean,-1,1200\n0,detour,3,9000\n0,detour,17,12000\n1,min,-1,1000\n1,mean,-1,1100\n1,detour,5,8000\n";
        var wide = "core0,core1\n" + string.Join("\n", Enumerable.Range(0, 40).Select(i => $"{1000 + (i % 7 == 0 ? 9000 : i)},{1000 + (i % 11 == 0 ? 12000 : 2 * i)}")) + "\n";
        var loggopsim = "# length_ns=100000000\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => $"{i * 1_000_000}\t{5000 + 100 * i}")) + "\n";
        string[] seeds = [fwq, wide, loggopsim];
        var gen = Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, 9], Gen.Int[0, 1_000_000], Gen.Int[0, InputFuzz.Numbers.Length - 1], Gen.Int[0, 4]);
        var outcomes = new int[2];
        var n = 0;
        SeededProperty.ForAll(gen, seed: 20260614, count: FuzzCases.Count, c =>
        {
            var (index, mutation, pick, number, encoding) = c;
            var text = MutateTrace(seeds[index], mutation, pick, InputFuzz.Numbers[number]);
            var file = dir.Sub($"trace{n++ % 8}.txt");
            File.WriteAllBytes(file, InputFuzz.Encode(text, mutation == 9 ? encoding : 0));
            var error = InputFuzz.RunFile(file, () => InputFuzz.AssertFinite(NoiseTraceFile.Load(file)));
            outcomes[error is null ? 0 : 1]++;
        });
        Assert.True(outcomes[0] > 0 && outcomes[1] > 0, $"{outcomes[0]} valid, {outcomes[1]} refused");
    }

    /// <summary>One mutation of a trace: a cell replaced by a hostile number or text, lines swapped (unsorted), a line
    /// truncated or removed, a header broken, the file emptied, a line made very long.</summary>
    private static string MutateTrace(string text, int mutation, int pick, string number)
    {
        var lines = text.Split('\n').ToList();
        var i = pick % lines.Count;
        switch (mutation)
        {
            case 0 or 1 or 2:
            {
                var cells = lines[i].Split(lines[i].Contains(',') ? ',' : '\t');
                cells[pick % cells.Length] = number;
                lines[i] = string.Join(lines[i].Contains(',') ? ',' : '\t', cells);
                break;
            }
            case 3:
                var j = (pick / 7) % lines.Count;
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
            case 4: lines[i] = lines[i][..(pick % (lines[i].Length + 1))]; break;
            case 5: lines.RemoveAt(i); break;
            case 6: return "";
            case 7: lines[i] = lines[i] + new string('7', pick % 100_000); break;
            case 8: lines.Insert(i, "# " + new string('#', pick % 1000)); break;
        }
        return string.Join("\n", lines);
    }

    [Fact]
    public void SpecialAndHugeTraceFilesAreRefusedBeforeReading()
    {
        using var dir = new TempDir();
        var big = dir.Sub("big.csv");
        using (var f = File.Create(big)) f.SetLength(NoiseTraceFile.MaxBytes + 1);
        foreach (var file in new[] { "/dev/zero", "/dev/null", dir.Path, big }.Where(f => File.Exists(f) || Directory.Exists(f)))
        {
            var e = InputFuzz.RunFile(file, () => NoiseTraceFile.Load(file));
            var error = Assert.IsType<PerfModel.Descriptions.ProfileValidationException>(e);
            Assert.Matches("regular file|directory|more than", error.Message);
        }
    }

    [Fact]
    public void MutatedCalibrationDirectoriesMergeOrFailWithTheFileNamed()
    {
        using var dir = new TempDir();
        var platform = PerfModel.Profiles.Defaults.ReadEmbedded(PerfModel.Profiles.Defaults.PlatformFile);
        var linux = PerfModel.Profiles.Defaults.ReadEmbedded("os/linux.json");
        var gen = Gen.Select(Gen.Int[1, 3], Gen.Int[0, 16], Gen.Int[0, 1_000_000], Gen.Int[0, InputFuzz.Numbers.Length - 1]);
        var outcomes = new int[2];
        var n = 0;
        SeededProperty.ForAll(gen, seed: 20260615, count: Math.Max(100, FuzzCases.Count / 4), c =>
        {
            var (hosts, mutation, pick, number) = c;
            var root = dir.Sub($"d{n++}");
            Directory.CreateDirectory(root);
            for (var h = 0; h < hosts; h++)
            {
                File.WriteAllText(Path.Combine(root, $"node{h}.platform.json"), platform);
                File.WriteAllText(Path.Combine(root, $"node{h}.linux.json"), linux);
            }
            var victim = Path.Combine(root, $"node{pick % hosts}{(pick % 2 == 0 ? ".platform.json" : ".linux.json")}");
            switch (mutation)
            {
                case 13: File.Delete(victim); break;
                case 14: File.Delete(victim); Directory.CreateDirectory(victim); break;
                case 15: File.Delete(victim); File.CreateSymbolicLink(victim, "/dev/zero"); break;
                case 16: File.WriteAllText(Path.Combine(root, ".platform.json"), platform); break;
                default:
                    File.WriteAllText(victim, ProfileJsonFuzzTests.Mutate(File.ReadAllText(victim), mutation, pick, InputFuzz.Numbers[number]));
                    break;
            }
            var error = InputFuzz.Run(root, () =>
            {
                ImmutableArray<HostCalibration> loaded;
                try
                {
                    loaded = CalibrationMerge.Load(root);
                }
                catch (IOException e) when (e.Message.Contains(root, StringComparison.Ordinal))
                {
                    // Load's documented error for a directory without host files, naming the directory.
                    throw new PerfModel.Descriptions.ProfileValidationException([new(root, "$", e.Message)]);
                }
                var merged = CalibrationMerge.Merge(loaded);
                var study = PerfModel.Profiles.Defaults.Study();
                InputFuzz.AssertFinite(study.Predictor.Predict(new PerfModel.Descriptions.Scenario(merged.Platform, merged.Os, study.App["minife"], 8)));
            });
            if (error is PerfModel.Descriptions.ProfileValidationException p)
                Assert.All(p.Errors, e => Assert.StartsWith(root, e.File, StringComparison.Ordinal));
            outcomes[error is null ? 0 : 1]++;
            Directory.Delete(root, recursive: true);
        });
        Assert.True(outcomes[0] > 0 && outcomes[1] > 0, $"{outcomes[0]} merged, {outcomes[1]} refused");
    }
}
