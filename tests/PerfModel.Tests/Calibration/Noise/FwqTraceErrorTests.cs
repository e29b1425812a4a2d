using PerfModel.Calibration.Noise;
using PerfModel.Descriptions;

namespace PerfModel.Tests.Calibration.Noise;

public sealed class FwqTraceErrorTests : IDisposable
{
    private const string LongHead = "# fwq samples_per_core=100 detour_threshold_ns=5000\ncore,kind,index,value_ns\n";
    private readonly TempFiles temp = new();

    public void Dispose() => temp.Dispose();

    private TraceFileErrors Trace => new(temp, "trace.csv", path => FwqTrace.Load(path));

    private IReadOnlyList<ValidationError> Errors(string text) => Trace.Of(text);

    private void AssertSingle(string text, string location, string rule) => Trace.AssertSingle(text, location, rule);

    [Fact]
    public void MissingFile()
    {
        var path = temp.PathOf("absent.csv");
        var e = Assert.Throws<ProfileValidationException>(() => FwqTrace.Load(path));
        Assert.Equal(new ValidationError(path, "$", "file not found"), Assert.Single(e.Errors));
        var inMissingDir = Path.Combine(temp.PathOf("no-such-dir"), "x.csv");
        Assert.Equal("file not found", Assert.Single(Assert.Throws<ProfileValidationException>(() => FwqTrace.Load(inMissingDir)).Errors).Rule);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n\t\n")]
    public void EmptyFile(string text) => AssertSingle(text, "$", "the file is empty");

    [Fact]
    public void OnlyComments() => AssertSingle("# fwq samples_per_core=10\n# nothing else\n", "$", "has no header line, only comments");

    // ---- bad headers ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("# x\ncore,kind,index,value\n0,min,-1,1\n", "line 2")]
    [InlineData("core,kind,value_ns\n0,min,1\n", "line 1")]
    [InlineData("core,kind,index,value_ns,extra\n", "line 1")]
    public void BadLongHeader(string text, string location) =>
        AssertSingle(text, location, "the long format's header is core,kind,index,value_ns");

    [Fact]
    public void WideHeaderThatIsASample() =>
        Assert.Equal(["line 1, column 1", "line 1, column 2"], Errors("9467,9500\n9500,9600\n").Select(e => e.JsonPath));

    [Fact]
    public void WideHeaderWithEmptyOrRepeatedNames()
    {
        var errors = Errors("a,,a\n1,2,3\n");
        Assert.Equal(["line 1, column 2", "line 1, column 3"], errors.Select(e => e.JsonPath));
        Assert.Contains("empty", errors[0].Rule, StringComparison.Ordinal);
        Assert.Contains("column name 'a' repeats column 1", errors[1].Rule, StringComparison.Ordinal);
    }

    // ---- cells --------------------------------------------------------------------------------------------------------

    [Fact]
    public void NonNumericWideCellNamesRowAndColumn() =>
        AssertSingle("core0,core1\n100,200\n101,200\n100,2x0\n", "line 4, column core1", "'2x0' is not a number");

    [Fact]
    public void WideCellProblems()
    {
        var errors = Errors("# detour_threshold_ns=10\nc0,c1\n1,\n1\n0,1\n-3,1\n1,1e999\n");
        Assert.Equal(
            [("line 3, column c1", "the cell is empty"), ("line 4", "has 1 cells; the header names 2 columns"),
             ("line 5, column c0", "the sample duration 0 ns must be > 0"), ("line 6, column c0", "the sample duration -3 ns must be > 0"),
             ("line 7, column c1", "'1e999' is not a number")],
            errors.Select(e => (e.JsonPath, e.Rule)));
    }

    [Fact]
    public void NonNumericLongCells()
    {
        var errors = Errors(LongHead + "0,min,-1,9467\n0,mean,-1,9500\n0,detour,12,lots\n0,detour,1.5,6000\n0,median,-1,9000\n,detour,1,6000\n0,detour,1\n");
        Assert.Equal(
            [("line 5, column value_ns", "'lots' is not a number"), ("line 6, column index", "'1.5' is not a whole number"),
             ("line 7, column kind", "'median' is not a kind (min, mean, max, pNN or detour)"), ("line 8, column core", "the core is empty"),
             ("line 9", "has 3 cells; the long format has 4 (core,kind,index,value_ns)")],
            errors.Select(e => (e.JsonPath, e.Rule)));
    }

    [Fact]
    public void LongRowRules()
    {
        var errors = Errors(LongHead + "0,min,-1,9467\n0,mean,-1,9500\n0,min,-1,9000\n0,max,3,9999\n0,detour,100,6000\n0,detour,-2,6000\n"
            + "0,detour,5,4000\n0,detour,5,6000\n0,detour,5,7000\n1,min,-1,0\n");
        Assert.Equal(
            ["line 5, column kind", "line 6, column index", "line 7, column index", "line 8, column index", "line 9, column value_ns",
             "line 11, column index", "line 12, column value_ns", "core 1", "core 1"],
            errors.Select(e => e.JsonPath));
        Assert.Contains("a second 'min' row for core 0 (the first is on line 3)", errors[0].Rule, StringComparison.Ordinal);
        Assert.Contains("sample index 100 is outside 0..99", errors[2].Rule, StringComparison.Ordinal);
        Assert.Contains("must exceed detour_threshold_ns=5000", errors[4].Rule, StringComparison.Ordinal);
        Assert.Contains("sample 5 of core 0 is already a detour on line 10", errors[5].Rule, StringComparison.Ordinal);
        Assert.Equal("has no 'min' row", errors[7].Rule);
        Assert.Equal("has no 'mean' row", errors[8].Rule);
    }

    [Fact]
    public void LongMeanBelowMin() =>
        AssertSingle(LongHead + "0,min,-1,9467\n0,mean,-1,9000\n", "line 4, column value_ns", "the mean 9000 ns of core 0 is below its min 9467 ns");

    // ---- no samples and bad parameters ------------------------------------------------------------------------------

    [Fact]
    public void WideHeaderWithoutRows() => AssertSingle("# detour_threshold_ns=100\ncore0,core1\n\n", "line 2", "no rows after the header: there are no samples");

    [Fact]
    public void LongHeaderWithoutRows() => AssertSingle(LongHead, "line 2", "no rows after the header: there are no samples");

    [Fact]
    public void LongWithoutSampleCount() =>
        AssertSingle("# fwq detour_threshold_ns=5000\ncore,kind,index,value_ns\n0,min,-1,1\n", "$", "must give samples_per_core=N");

    [Theory]
    [InlineData("# fwq samples_per_core=0\ncore,kind,index,value_ns\n0,min,-1,1\n", "line 1", "samples_per_core=0: there are no samples")]
    [InlineData("# fwq samples_per_core=1e6\ncore,kind,index,value_ns\n0,min,-1,1\n", "line 1", "samples_per_core='1e6' is not a whole number")]
    [InlineData("# first\n# detour_threshold_ns=five\nc0\n1\n", "line 2", "detour_threshold_ns='five' must be a number >= 0")]
    [InlineData("# detour_threshold_ns=-1\nc0\n1\n", "line 1", "detour_threshold_ns='-1' must be a number >= 0")]
    public void BadParameters(string text, string location, string rule) => AssertSingle(text, location, rule);

    [Fact]
    public void RowErrorsStopAfterTen()
    {
        var errors = Errors("c0\n" + string.Concat(Enumerable.Repeat("x\n", 50)));
        Assert.Equal(11, errors.Count);
        Assert.Equal("line 11, column c0", errors[9].JsonPath);
        Assert.Equal(new ValidationError(errors[0].File, "$", "stopped reading after 10 errors"), errors[10]);
    }
}
