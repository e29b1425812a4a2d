using System.Globalization;
using PerfModel.Calibration.Noise;
using PerfModel.Descriptions;
using PerfModel.Noise;
using Xunit.Abstractions;
using Spec = PerfModel.Noise.Spec.NoiseSpec;

namespace PerfModel.Tests.Calibration.Noise;

public sealed class FwqTraceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFiles temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Detour rows per core of the long format, counted with a plain line scan independent of the loader.</summary>
    private static Dictionary<string, List<double>> ScanDetourRows(string path)
    {
        var rows = new Dictionary<string, List<double>>();
        foreach (var line in File.ReadLines(path))
        {
            var cells = line.Split(',');
            if (cells.Length != 4 || cells[1] != "detour") continue;
            if (!rows.TryGetValue(cells[0], out var list)) rows[cells[0]] = list = [];
            list.Add(double.Parse(cells[3], CultureInfo.InvariantCulture));
        }
        return rows;
    }

    [Fact]
    public void RealKvmTrace()
    {
        var path = SharedFwqData.KvmTrace;
        var data = FwqTrace.Load(path);
        var scanned = ScanDetourRows(path);

        Assert.Equal(path, data.File);
        Assert.Equal(5000, data.DetourThresholdNs);
        Assert.Equal(["0", "1"], data.Cores.Select(c => c.Name));
        foreach (var core in data.Cores)
        {
            Assert.Equal(1_000_000, core.Samples);
            Assert.Equal(scanned[core.Name].Count, core.Detours);
            Assert.Equal(scanned[core.Name], core.DetourExcessNs.ToArray());
            Assert.True(core.MinNs > 0 && core.MeanNs > core.MinNs);
            // Every sample takes at least the minimum and detours add their excess, so mean >= min + Σ excess / samples.
            Assert.True(core.MeanNs >= core.MinNs + core.DetourExcessNs.Sum() / core.Samples);
        }
        Assert.Equal(9467, data.Cores[0].MinNs);
        Assert.Equal(10483.6, data.Cores[0].MeanNs);

        var profile = FwqTrace.ToNoiseProfile(data);
        Assert.False(profile.CoScheduled);
        var source = Assert.Single(profile.Sources);
        Assert.Equal("trace", source.Name);
        Assert.InRange(source.Rate.PerSecond, 1, 10_000);
        Assert.Equal(data.Cores.Average(c => c.Detours / (c.Samples * c.MeanNs * 1e-9)), source.Rate.PerSecond, 1e-9);

        var empirical = Assert.IsType<EmpiricalDuration>(source.Duration);
        var allRows = scanned.Values.SelectMany(v => v).ToArray();
        Assert.Equal(allRows.Length, empirical.ValuesSeconds.Length);
        var rowMeanSeconds = allRows.Average() / 1e9;
        Assert.Equal(rowMeanSeconds, empirical.MeanSeconds, rowMeanSeconds * 1e-12);
        Assert.Equal(allRows.Max() / 1e9, empirical.MaxSeconds);
        Assert.InRange(source.Fraction, 0, 0.2);

        foreach (var c in data.Cores)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"core {c.Name}: {c.Detours} detours, {c.DetourRatePerSecond:F1}/s, mean {c.MeanDetourNs:F0} ns, max {c.MaxDetourNs:F0} ns, noise fraction {c.NoiseFraction:P2}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pooled: {source.Rate.PerSecond:F1}/s, mean {empirical.MeanSeconds * 1e9:F0} ns, max {empirical.MaxSeconds * 1e9:F0} ns, rate x mean {source.Fraction:P2}"));
    }

    [Fact]
    public void TraceTermsOfASpecLoadFwqFiles()
    {
        var path = SharedFwqData.KvmTrace;
        var p = Spec.Parse($"trace({path}) + poisson(rate=0.1/s, dur=fixed(10ms)) @cosched", f => FwqTrace.ToNoiseProfile(FwqTrace.Load(f), "kvm"));
        Assert.Equal(["kvm", "poisson#1"], p.Sources.Select(s => s.Name));
        Assert.IsType<EmpiricalDuration>(p.Sources[0].Duration);
        Assert.True(p.CoScheduled);
    }

    [Fact]
    public void WideFormat()
    {
        // core0: min 100, one sample 5,900 ns above it; core1: min 200, one 10,100 ns above it; 5,000 ns above is not a detour.
        var path = temp.Write("wide.csv", "core0,core1\n100,200\n100,5200\n6000,200\n100,10300\n");
        var data = FwqTrace.Load(path);
        Assert.Equal(FwqTrace.DefaultDetourThresholdNs, data.DetourThresholdNs);
        Assert.Equal(["core0", "core1"], data.Cores.Select(c => c.Name));
        var (c0, c1) = (data.Cores[0], data.Cores[1]);
        Assert.Equal((4L, 100.0, 1575.0), (c0.Samples, c0.MinNs, c0.MeanNs));
        Assert.Equal((4L, 200.0, 3975.0), (c1.Samples, c1.MinNs, c1.MeanNs));
        Assert.Equal(new[] { 5900.0 }, c0.DetourExcessNs.ToArray());
        Assert.Equal(new[] { 10100.0 }, c1.DetourExcessNs.ToArray());

        var source = Assert.Single(FwqTrace.ToNoiseProfile(data, "wide").Sources);
        Assert.Equal("wide", source.Name);
        // Mean of the per-core rates 1 / (4 × 1575 ns) and 1 / (4 × 3975 ns).
        Assert.Equal((1 / (4 * 1575e-9) + 1 / (4 * 3975e-9)) / 2, source.Rate.PerSecond, 1e-6);
        var empirical = Assert.IsType<EmpiricalDuration>(source.Duration);
        Assert.Equal(new[] { 5900 / 1e9, 10100 / 1e9 }, empirical.ValuesSeconds.ToArray());
        Assert.Equal(new[] { 0.5, 0.5 }, empirical.Probabilities.ToArray());
    }

    [Fact]
    public void WideFormatThresholdCommentsBlanksAndCrLf()
    {
        var path = temp.Write("wide.csv", "# probe of a test box\r\n# detour_threshold_ns=1000\r\n\r\n a , b \r\n 10 , 20 \r\n1011,20\r\n# a comment among the rows\r\n10,1020.5\r\n\r\n");
        var data = FwqTrace.Load(path);
        Assert.Equal(1000, data.DetourThresholdNs);
        Assert.Equal(["a", "b"], data.Cores.Select(c => c.Name));
        Assert.Equal(3, data.Cores[0].Samples);
        Assert.Equal(new[] { 1001.0 }, data.Cores[0].DetourExcessNs.ToArray());
        Assert.Equal(new[] { 1000.5 }, data.Cores[1].DetourExcessNs.ToArray());
    }

    [Fact]
    public void NoDetoursGiveNoSources()
    {
        var data = FwqTrace.Load(temp.Write("quiet.csv", "cpu0\n100\n101\n102\n"));
        Assert.Equal(0, data.Cores[0].Detours);
        Assert.Empty(FwqTrace.ToNoiseProfile(data).Sources);
    }

    [Fact]
    public void SmallLongFormat()
    {
        var path = temp.Write("long.csv", """
            # fwq samples_per_core=10 detour_threshold_ns=100
            core,kind,index,value_ns
            A,min,-1,1000
            A,mean,-1,1100
            A,p99.9,-1,1900
            A,detour,3,200
            A,detour,7,700
            B,min,-1,990
            B,max,-1,990
            B,mean,-1,1000
            """);
        var data = FwqTrace.Load(path);
        Assert.Equal(100, data.DetourThresholdNs);
        Assert.Equal(["A", "B"], data.Cores.Select(c => c.Name));
        Assert.Equal((10L, 1000.0, 1100.0), (data.Cores[0].Samples, data.Cores[0].MinNs, data.Cores[0].MeanNs));
        Assert.Equal(new[] { 200.0, 700.0 }, data.Cores[0].DetourExcessNs.ToArray());
        Assert.Equal(0, data.Cores[1].Detours);
        var source = Assert.Single(FwqTrace.ToNoiseProfile(data).Sources);
        // Per-core rates 2 / (10 × 1100 ns) and 0: the pooled rate is their mean.
        Assert.Equal(2 / (10 * 1100e-9) / 2, source.Rate.PerSecond, 1e-6);
        Assert.Equal(450e-9, source.Duration.MeanSeconds, 1e-18);
    }

    [Fact]
    public void ToNoiseProfileRejectsUnusableData()
    {
        Assert.Throws<ArgumentException>(() => FwqTrace.ToNoiseProfile(new FwqTraceData("x", 5000, [])));
        Assert.Throws<ArgumentException>(() => FwqTrace.ToNoiseProfile(new FwqTraceData("x", 5000, [new FwqCoreTrace("c", 0, 1, 1, [])])));
        var ok = new FwqTraceData("x", 5000, [new FwqCoreTrace("c", 1, 1, 1, [])]);
        Assert.Throws<ArgumentException>(() => FwqTrace.ToNoiseProfile(ok, " "));
        Assert.Equal(NoiseProfile.None, FwqTrace.ToNoiseProfile(ok));
    }
}
