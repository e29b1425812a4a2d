using PerfModel.Calibration.Noise;
using PerfModel.Descriptions;
using PerfModel.Noise;
using Spec = PerfModel.Noise.Spec.NoiseSpec;

namespace PerfModel.Tests.Calibration.Noise;

/// <summary>The resolver of <c>trace(path)</c>: it tells FWQ CSVs from LogGOPSim noise traces by the first data line and
/// loads either as a noise profile.</summary>
public sealed class NoiseTraceFileTests : IDisposable
{
    private readonly TempFiles temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("# fwq samples_per_core=3\ncore,kind,index,value_ns\n0,min,-1,100\n", NoiseTraceFormat.Fwq)]
    [InlineData("core0,core1\n100,101\n", NoiseTraceFormat.Fwq)]
    [InlineData("\n# one core, no comma anywhere\ncpu0\n100\n101\n", NoiseTraceFormat.Fwq)]
    [InlineData("9467,9500\n", NoiseTraceFormat.Fwq)]                     // a bad FWQ header (numbers), reported by the FWQ reader
    [InlineData("# length_ns=1000\n100\t50\n", NoiseTraceFormat.LogGopsim)]
    [InlineData("\n\n  100   50\n", NoiseTraceFormat.LogGopsim)]
    [InlineData("1e3\n", NoiseTraceFormat.LogGopsim)]                       // a bad LogGOPSim line, reported by its reader
    public void DetectsTheFormatFromTheFirstDataLine(string text, NoiseTraceFormat format) =>
        Assert.Equal(format, NoiseTraceFile.Detect(temp.Write("t.txt", text)));

    [Fact]
    public void TheRepositorysTracesAreTold()
    {
        Assert.Equal(NoiseTraceFormat.Fwq, NoiseTraceFile.Detect(SharedFwqData.KvmTrace));
        Assert.Equal(NoiseTraceFormat.LogGopsim, NoiseTraceFile.Detect(Path.Combine(RepoPaths.DataDir, "noise", "kvm-core0-loggopsim.txt")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# a comment\n   \n")]
    public void AFileWithoutDataIsNeither(string text)
    {
        var path = temp.Write("empty.txt", text);
        var e = Assert.Single(Assert.Throws<ProfileValidationException>(() => NoiseTraceFile.Detect(path)).Errors);
        Assert.Equal(path, e.File);
        Assert.Equal("$", e.JsonPath);
        Assert.Contains("neither an FWQ trace", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile()
    {
        var path = temp.PathOf("absent.csv");
        Assert.Equal(new ValidationError(path, "$", "file not found"), Assert.Single(Assert.Throws<ProfileValidationException>(() => NoiseTraceFile.Load(path)).Errors));
    }

    [Fact]
    public void LoadsEitherFormatNamedAfterTheFile()
    {
        var fwq = NoiseTraceFile.Load(SharedFwqData.KvmTrace);
        var fwqSource = Assert.Single(fwq.Sources);
        Assert.Equal("kvm-2core-fwq", fwqSource.Name);
        Assert.Equal(NoiseArrival.Poisson, fwqSource.Arrival);
        Assert.Equal(FwqTrace.ToNoiseProfile(FwqTrace.Load(SharedFwqData.KvmTrace), "kvm-2core-fwq"), fwq);

        var path = Path.Combine(RepoPaths.DataDir, "noise", "kvm-core0-loggopsim.txt");
        var replay = Assert.Single(NoiseTraceFile.Load(path, "core 0").Sources);
        Assert.Equal("core 0", replay.Name);
        Assert.Equal(NoiseArrival.Trace, replay.Arrival);
        Assert.Equal(LogGopsimTrace.Load(path), replay.Trace);
    }

    [Fact]
    public void FormatErrorsComeFromTheReaderOfTheDetectedFormat()
    {
        var lg = temp.Write("lg.txt", "100\t50\n120\t5\n");
        Assert.Equal("line 2, column start_ns", Assert.Single(Assert.Throws<ProfileValidationException>(() => NoiseTraceFile.Load(lg)).Errors).JsonPath);
        var fwq = temp.Write("fwq.csv", "core,kind,index\n");
        Assert.Contains("core,kind,index,value_ns", Assert.Single(Assert.Throws<ProfileValidationException>(() => NoiseTraceFile.Load(fwq)).Errors).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void DetoursThatFillTheCoreAreAFileError()
    {
        // Back-to-back detours over the whole recording: the core would do nothing but detours.
        var path = temp.Write("full.txt", "0\t500\n500\t500\n");
        var e = Assert.Single(Assert.Throws<ProfileValidationException>(() => NoiseTraceFile.Load(path)).Errors);
        Assert.Equal("$", e.JsonPath);
        Assert.Contains("the trace does not make a valid noise source", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void IsTheSpecResolver()
    {
        var lg = temp.Write("tick.txt", "# length_ns=1e6\n0\t2000\n");
        var p = Spec.Parse($"trace({SharedFwqData.KvmTrace}) + trace({lg})", NoiseTraceFile.Load);
        Assert.Equal([NoiseArrival.Poisson, NoiseArrival.Trace], p.Sources.Select(s => s.Arrival));
        Assert.Equal(["kvm-2core-fwq", "tick"], p.Sources.Select(s => s.Name));
    }
}
