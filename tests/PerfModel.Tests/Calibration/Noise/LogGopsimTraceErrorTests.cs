using PerfModel.Calibration.Noise;
using PerfModel.Descriptions;

namespace PerfModel.Tests.Calibration.Noise;

/// <summary>Bad LogGOPSim noise traces: every error names the file, the line (and column) and the rule; line errors are
/// collected before throwing.</summary>
public sealed class LogGopsimTraceErrorTests : IDisposable
{
    private readonly TempFiles temp = new();

    public void Dispose() => temp.Dispose();

    private TraceFileErrors Trace => new(temp, "noise.txt", path => LogGopsimTrace.Load(path));

    private IReadOnlyList<ValidationError> Errors(string text) => Trace.Of(text);

    private void AssertSingle(string text, string location, string rule) => Trace.AssertSingle(text, location, rule);

    [Fact]
    public void MissingFile()
    {
        var path = temp.PathOf("absent.txt");
        Assert.Equal(new ValidationError(path, "$", "file not found"), Assert.Single(Assert.Throws<ProfileValidationException>(() => LogGopsimTrace.Load(path)).Errors));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n\n")]
    public void NoDetours(string text) => AssertSingle(text, "$", "has no detours: a LogGOPSim noise-trace line is <start_ns> TAB <duration_ns>");

    [Theory]
    [InlineData("100\n", "has 1 field")]
    [InlineData("100\t20\t3\n", "has 3 fields")]
    [InlineData("100,20\n", "has 1 field")]
    [InlineData("100\t20 # trailing comment\n", "has 5 fields")]
    public void WrongNumberOfFields(string text, string rule) =>
        AssertSingle("# header\n" + text, "line 2", rule + "; a LogGOPSim noise-trace line is <start_ns> TAB <duration_ns> (a tab or spaces between the two numbers)");

    [Theory]
    [InlineData("x\t20\n", "line 1, column start_ns", "'x' is not a finite number")]
    [InlineData("10\tlong\n", "line 1, column duration_ns", "'long' is not a finite number")]
    [InlineData("-5\t20\n", "line 1, column start_ns", "the start -5 ns must be >= 0")]
    [InlineData("5\t0\n", "line 1, column duration_ns", "the duration 0 ns must be > 0")]
    [InlineData("5\t-1\n", "line 1, column duration_ns", "the duration -1 ns must be > 0")]
    [InlineData("5\tNaN\n", "line 1, column duration_ns", "'NaN' is not a finite number")]
    [InlineData("1e400\t1\n", "line 1, column start_ns", "'1e400' is not a finite number")]
    public void BadNumbers(string text, string location, string rule) => AssertSingle(text, location, rule);

    [Fact]
    public void OverlappingOrUnsortedDetours()
    {
        var errors = Errors("100\t50\n140\t10\n\n# a comment\n90\t5\n200\t5\n");
        Assert.Equal(["line 2, column start_ns", "line 5, column start_ns"], errors.Select(e => e.JsonPath));
        Assert.Equal("the detour starts at 140 ns, before the detour on line 1 ends (150 ns): detours must be in time order and must not overlap", errors[0].Rule);
        Assert.Contains("before the detour on line 1 ends (150 ns)", errors[1].Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100\t50\n150\t10\n", 160)]
    [InlineData("2\t839\n841\t5\n", 846)]                  // 2e-9 + 839e-9 > 841e-9 in doubles: touching detours must stay apart after the conversion
    [InlineData("0\t1\n2\t839\n", 841)]                    // and a last detour that ends at the length (841 ns) must not run into the next replay
    [InlineData("# length_ns=841\n0\t1\n2\t839\n", 841)]
    public void TouchingDetoursAreFine(string text, double lengthNs)
    {
        // At most a few ulps are added where the conversion to seconds would break DetourTrace's rules.
        var t = LogGopsimTrace.Load(temp.Write("touch.txt", text));
        Assert.Equal(2, t.Count);
        Assert.Equal(lengthNs / 1e9, t.Length.Seconds, 1e-21);
    }

    [Theory]
    [InlineData("# length_ns=abc\n1\t1\n", "line 1", "length_ns='abc' must be a number > 0 (the recording's length in ns)")]
    [InlineData("# length_ns=0\n1\t1\n", "line 1", "length_ns='0' must be a number > 0")]
    [InlineData("# length_ns=500\n100\t10\n500\t10\n", "line 1", "length_ns=500 must be > the start of the last detour (line 3, 500 ns)")]
    [InlineData("#length_ns=550\n100\t10\n500\t200\n", "line 1", "length_ns=550 is too short: the last detour (line 3) ends at 700 ns, after the first detour of the next replay starts (650 ns)")]
    public void BadLength(string text, string location, string rule) => AssertSingle(text, location, rule);

    [Fact]
    public void ErrorsAreCollectedUpToTen()
    {
        var errors = Errors(string.Concat(Enumerable.Range(1, 15).Select(i => $"x{i}\t1\n")));
        Assert.Equal(11, errors.Count);
        Assert.Equal("line 10, column start_ns", errors[9].JsonPath);
        Assert.Equal(new ValidationError(errors[0].File, "$", "stopped reading after 10 errors"), errors[10]);
    }
}
