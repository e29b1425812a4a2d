using CsCheck;
using PerfModel.Tests.Support;
using Xunit.Sdk;

namespace PerfModel.Tests.Cli;

/// <summary>
/// Argument vectors built from each command's real options, with valid values mutated (empty, negative, zero, NaN,
/// infinities, 1e308, subnormal, huge integers, unknown units and names, duplicated and dangling options, very long
/// strings, control characters, unicode), run in-process through the command's own entry point. Every case must end, within
/// a hang timeout, in exit 0 with finite output or in exit 1/2 with exactly one <c>perfmodel: error:</c> line and no stack
/// trace — never an internal error (exit 70). Seeded: every run checks the same vectors. <see cref="FuzzCases.Count"/>
/// cases for noise and predict (PERFMODEL_FUZZ_CASES raises it); validate, fit, report and calibrate, whose valid runs take
/// seconds to minutes, get a few cases each whose mutations always break a rule before any work.
/// </summary>
public sealed class CliArgumentFuzzTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    /// <summary>Values that break something: a number's range or syntax, a unit, a name, the line.</summary>
    private static readonly string[] Hostile =
    [
        "", " ", "-1", "0", "-0", "NaN", "nan", "Infinity", "-Infinity", "∞", "1e308", "-1e308", "4.9e-324", "1e-30", "2147483647", "2147483648",
        "-2147483649", "9223372036854775808", "18446744073709551616", "99999999999999999999999", "1e", "0x10", "1,5", "12abc", "100xs", "100 parsecs",
        "nosuch", "LINUX", "-", "--", "--nosuch", "@nosuch-response-file", "\u001b[31mred\u001b[0m", "a\nb", "tab\there", "\0", "null",
        "µs", "１００us", "١٠٠us", "\u202Eevil", "\uD800", "💥", "1-0", "8-4", ",", "1,,2", "1-1073741825", "0-4",
        new string('9', 400), new string('a', 10_000), string.Concat(Enumerable.Repeat("poisson(rate=1/s, dur=fixed(1us)) + ", 3000)),
    ];

    private static readonly string[] Specs =
    [
        "none", "poisson(rate=1000/s, dur=fixed(2us))", "poisson(rate=1kHz, dur=exp(2.5us))", "periodic(freq=1kHz, dur=fixed(2us))",
        "poisson(rate=5/s, dur=lognormal(median=20us, sigma=1))", "poisson(rate=0.1/s, dur=pareto(scale=10us, alpha=2.5))",
        "poisson(rate=20/s, dur=fixed(50us)) | nodes(1%: poisson(rate=1/s, dur=fixed(10ms)))", "poisson(rate=1000/s, dur=fixed(2us)) @cosched",
    ];

    /// <summary>A command's options, each with its cheap valid values (none: a flag); the options always given; and the odds
    /// of a valid value against a hostile one (which set how many cases run the model).</summary>
    private sealed record Spec(string Command, (string Name, string[] Valid)[] Options, string[] Always, int ValidWeight = 6);

    private static readonly Spec Noise = new("noise",
    [
        ("--noise", Specs), ("--os", ["linux", "mckernel", "mos"]), ("--work", ["100us", "0", "1ms", "2.5us", "1e6s"]), ("--ranks", ["64", "1000", "64,1024", "1"]),
        ("--steps", ["1", "3", "20"]), ("--cold-start", []), ("--collective", ["none", "allreduce-rd", "tree", "barrier"]), ("--bytes", ["8", "0", "1e6"]),
        ("--round", ["2us", "0"]), ("--ranks-per-node", ["1", "64"]), ("--method", ["closed", "simulate"]), ("--trials", ["2", "10"]),
        ("--seed", ["0", "7"]), ("--runs", ["1", "5", "1000"]), ("--resolution", ["16", "64"]), ("--format", ["table", "csv", "json"]), ("--verbose", []),
    ], ["--noise", "--resolution", "--ranks", "--trials"]);

    private static readonly Spec Predict = new("predict",
    [
        ("--app", ["hpcg", "lulesh2", "minife,milc"]), ("--os", ["linux", "mos", "linux,mckernel"]), ("--nodes", ["1", "1,8", "1-4", "1048576"]),
        ("--heap-policy-from", ["mos", "linux"]), ("--placement", ["hbm-if-fits-else-ddr", "ddr-only", "per-rank-split", "demand-paging-fallback"]),
        ("--format", ["table", "csv", "json"]), ("--verbose", []),
    ], ["--app", "--os", "--nodes"], ValidWeight: 2);

    [Fact]
    public void Noise_arguments_end_in_a_result_or_one_clear_error() => Fuzz(Noise, 0x5EED_0001UL, FuzzCases.Count, hostileOnly: false);

    [Fact]
    public void Predict_arguments_end_in_a_result_or_one_clear_error() => Fuzz(Predict, 0x5EED_0002UL, FuzzCases.Count, hostileOnly: false);

    [Fact]
    public void Validate_arguments_with_a_broken_value_end_in_one_clear_error() =>
        Fuzz(new Spec("validate", [("--row", ["table1-linux", "median-gain"]), ("--format", ["csv"]), ("--no-sensitivity", [])], ["--row", "--no-sensitivity"]),
            0x5EED_0003UL, Math.Max(20, FuzzCases.Count / 20), hostileOnly: true);

    [Fact]
    public void Fit_arguments_with_a_broken_value_end_in_one_clear_error() =>
        Fuzz(new Spec("fit", [("--row", ["table1-linux"])], ["--row"]), 0x5EED_0004UL, Math.Max(20, FuzzCases.Count / 20), hostileOnly: true);

    [Fact]
    public void Report_and_calibrate_arguments_with_a_broken_value_end_in_one_clear_error()
    {
        using var tmp = new TempDir();
        Fuzz(new Spec("report", [("--no-images", []), ("--no-sensitivity", []), ("--out", [tmp.Sub("report")]), ("--app-file", [tmp.Sub("none.json")])], ["--out"]),
            0x5EED_0005UL, Math.Max(10, FuzzCases.Count / 50), hostileOnly: true, brokenOnlyIn: "--app-file");
        Fuzz(new Spec("calibrate", [("--only", ["fwq"]), ("--quick", []), ("--out", [tmp.Sub("calibration")]), ("--seed", ["1"])], ["--only", "--out"]),
            0x5EED_0006UL, Math.Max(10, FuzzCases.Count / 50), hostileOnly: true, brokenOnlyIn: "--only");
        Assert.Empty(tmp.Entries()); // nothing written for a broken command line
    }

    /// <summary>Runs <paramref name="count"/> mutated vectors of <paramref name="spec"/>. With <paramref name="hostileOnly"/>,
    /// every vector carries at least one hostile value (in <paramref name="brokenOnlyIn"/> when given), so that no case
    /// starts the command's real work.</summary>
    private static void Fuzz(Spec spec, ulong seed, int count, bool hostileOnly, string? brokenOnlyIn = null)
    {
        var options = spec.Options;
        var hostile = Gen.OneOfConst(Hostile);
        Gen<string?> Value(string[] valid) => valid.Length == 0 ? Gen.Const<string?>((string?)null)
            : Gen.Frequency((spec.ValidWeight, Gen.OneOfConst(valid).Select(v => (string?)v)), (1, hostile.Select(v => (string?)v)));
        // Each option once: the ones always given, and each other one with probability 0.3.
        var vector = Gen.Const<(string Name, string? Value)[]>(() => []);
        foreach (var (name, valid) in options)
        {
            var always = spec.Always.Contains(name);
            vector = vector.SelectMany(list => Gen.Int[0, 9].SelectMany(roll => always || roll < 3
                ? Value(valid).Select(v => ((string Name, string? Value)[])[.. list, (name, v)])
                : Gen.Const(list)));
        }
        // Now and then an option given twice, or a dangling option or stray word at the end.
        var duplicate = Gen.Frequency(
            (9, Gen.Const<(string, string?)[]>(() => [])),
            (1, Gen.OneOfConst(options).SelectMany(o => Value(o.Valid).Select(v => new[] { (o.Name, v) }))));
        // "--" ends the options (a repeated option before it keeps its first value), so it breaks nothing.
        var breaking = Gen.OneOfConst(Hostile.Where(h => h != "--").ToArray());
        var broken = brokenOnlyIn is null
            ? Gen.OneOfConst(options).SelectMany(o => breaking.Select(v => new[] { (o.Name, (string?)v) }))
            : breaking.Select(v => new[] { (brokenOnlyIn, (string?)v) });
        var tail = Gen.Frequency((18, Gen.Const<string[]>(() => [])), (1, hostile.Select(h => new[] { h })),
            (1, Gen.OneOfConst(options.Select(o => o.Name).ToArray()).Select(n => new[] { n })));
        var vectors =
            from a in vector
            from d in duplicate
            from b in hostileOnly ? broken : Gen.Const<(string, string?)[]>(() => [])
            from t in tail
            select Flatten(spec.Command, [.. a, .. d, .. b], t);
        SeededProperty.ForAll(vectors, seed, count, Check);
    }

    private static string[] Flatten(string command, (string Name, string? Value)[] options, string[] tail)
    {
        var args = new List<string> { command };
        foreach (var (name, value) in options)
        {
            args.Add(name);
            if (value is not null) args.Add(value);
        }
        args.AddRange(tail);
        return [.. args];
    }

    /// <summary>One case: finishes, and ends in finite output with exit 0 or in one clear error line with exit 1 or 2.</summary>
    private static void Check(string[] args)
    {
        var run = Task.Run(() => CliRunner.Run(args));
        if (!run.Wait(Hang)) throw new XunitException($"hang: no exit within {Hang.TotalSeconds} s");
        var (code, output, error) = run.Result;
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var verbose = args.Contains("--verbose");
        if (!verbose)
        {
            Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && l.Contains('(', StringComparison.Ordinal));
            Assert.True(error.Length < 8_000, $"{error.Length} characters on stderr");
        }
        if (code == 0)
        {
            Assert.NotEqual("", output);
            Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", output, StringComparison.Ordinal);
            Assert.DoesNotContain(lines, l => l.StartsWith("perfmodel: error:", StringComparison.Ordinal));
            return;
        }
        Assert.True(code is 1 or 2, $"exit {code}: {error}");
        Assert.Single(lines, l => l.StartsWith("perfmodel: error:", StringComparison.Ordinal));
        var line = lines.First(l => l.StartsWith("perfmodel: error:", StringComparison.Ordinal));
        Assert.DoesNotContain("(Parameter '", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value was", line, StringComparison.Ordinal);
        Assert.DoesNotContain(error, c => char.IsControl(c) && c != '\n' && c != '\r');
    }
}
