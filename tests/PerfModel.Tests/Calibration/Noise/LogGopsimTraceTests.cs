using PerfModel.Calibration.Noise;
using PerfModel.Descriptions;
using PerfModel.Noise;
using Spec = PerfModel.Noise.Spec.NoiseSpec;

namespace PerfModel.Tests.Calibration.Noise;

/// <summary>LogGOPSim noise traces (<c>&lt;start_ns&gt; TAB &lt;duration_ns&gt;</c> per line, <c>#</c> comments, as
/// github.com/spcl/LogGOPSim src/LogGOPSim/Noise.hpp reads them): what is read, the recording's length, and the noise
/// profile that replays them.</summary>
public sealed class LogGopsimTraceTests : IDisposable
{
    private readonly TempFiles temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void TabSeparatedLinesWithCommentsAndBlankLines()
    {
        var path = temp.Write("noise.txt", "# LogGOPSim noise trace\n1000\t500\n\n  # an indented comment\n3000\t250\n\n");
        var t = LogGopsimTrace.Load(path);
        Assert.Equal([1e-6, 3e-6], t.StartSeconds.ToArray());
        Assert.Equal([5e-7, 2.5e-7], t.DurationSeconds.ToArray());
        // No length_ns comment: the recording ends with its last detour, 3000 + 250 ns.
        Assert.Equal(3.25e-6, t.Length.Seconds, 1e-21);
        Assert.Equal(2, t.Count);
    }

    [Theory]
    [InlineData("10 20\n40  5\n")]
    [InlineData("10\t \t20\r\n   40 \t 5   \r\n")]
    [InlineData("1e1\t2.0E1\n40.0\t5\n")]
    public void SpacesTabsCrlfAndExponentsAreAccepted(string text)
    {
        var t = LogGopsimTrace.Load(temp.Write("spaces.txt", text));
        Assert.Equal([10e-9, 40e-9], t.StartSeconds.ToArray());
        Assert.Equal([20e-9, 5e-9], t.DurationSeconds.ToArray());
        Assert.Equal(45e-9, t.Length.Seconds, 1e-24);
    }

    [Fact]
    public void FractionsOfANanosecondAreKept() =>
        Assert.Equal([2.5e-9], LogGopsimTrace.Load(temp.Write("frac.txt", "0.5\t2.5\n")).DurationSeconds.ToArray());

    [Fact]
    public void LengthCommentGivesTheRecordingLength()
    {
        // The first length_ns counts; other key=value words are ignored.
        var path = temp.Write("len.txt", "# source=fwq length_ns=1e6\n# length_ns=5\n100\t50\n900000\t1000\n");
        var t = LogGopsimTrace.Load(path);
        Assert.Equal(1e-3, t.Length.Seconds);
        Assert.Equal(2 / 1e-3, t.Rate.PerSecond, 1e-9);
        Assert.Equal(1050 / 1e6, t.Fraction, 1e-15);
    }

    [Fact]
    public void LengthMayWrapTheLastDetourIntoTheNextReplay()
    {
        // DetourTrace allows the last detour to run past the length as long as it ends before the first one of the next replay.
        var t = LogGopsimTrace.Load(temp.Write("wrap.txt", "# length_ns=1000\n200\t100\n900\t250\n"));
        Assert.Equal(1e-6, t.Length.Seconds);
    }

    [Fact]
    public void ToNoiseProfileReplaysTheTrace()
    {
        var trace = LogGopsimTrace.Load(temp.Write("t.txt", "# length_ns=1e9\n0\t1000\n500000000\t3000\n"));
        var profile = LogGopsimTrace.ToNoiseProfile(trace, "daemon");
        Assert.False(profile.CoScheduled);
        var s = Assert.Single(profile.Sources);
        Assert.Equal("daemon", s.Name);
        Assert.Equal(NoiseArrival.Trace, s.Arrival);
        Assert.Same(trace, s.Trace);
        Assert.Equal(2.0, s.Rate.PerSecond);
        // Closed forms see the trace's empirical durations: 1 µs and 3 µs, equally likely.
        Assert.Equal(2e-6, s.Duration.MeanSeconds, 1e-18);
        Assert.Equal(3e-6, s.Duration.MaxSeconds);
        Assert.Throws<ArgumentException>(() => LogGopsimTrace.ToNoiseProfile(trace, " "));
    }

    [Fact]
    public void TheSampleTraceLoads()
    {
        var path = Path.Combine(RepoPaths.DataDir, "noise", "kvm-core0-loggopsim.txt");
        var t = LogGopsimTrace.Load(path);
        Assert.Equal(1306, t.Count);
        Assert.Equal(1.037425398, t.Length.Seconds);
        Assert.InRange(t.Rate.PerSecond, 1200, 1300);
        Assert.InRange(t.Fraction, 0.02, 0.03);
        Assert.Equal(NoiseTraceFormat.LogGopsim, NoiseTraceFile.Detect(path));
    }

    [Fact]
    public void TraceTermOfASpecReplaysALogGopsimTrace()
    {
        var path = temp.Write("daemon.txt", "# length_ns=1e8\n5000000\t100000\n");
        var p = Spec.Parse($"trace({path}) + poisson(rate=1/s, dur=fixed(1us)) @cosched", NoiseTraceFile.Load);
        Assert.True(p.CoScheduled);
        Assert.Equal(["daemon", "poisson#1"], p.Sources.Select(s => s.Name));
        Assert.Equal(NoiseArrival.Trace, p.Sources[0].Arrival);
        Assert.Equal(10.0, p.Sources[0].Rate.PerSecond, 1e-12);
        Assert.Equal(1e-4, p.Sources[0].Trace!.DurationSeconds[0]);
        Assert.StartsWith("replay(1 detour over 100ms, name=daemon) + poisson(", Spec.Format(p), StringComparison.Ordinal);
    }
}
