using System.Globalization;
using PerfModel.Calibration.Noise;

namespace PerfModel.Tests.Calibration.Noise;

/// <summary>Provenance of data/noise/kvm-core0-loggopsim.txt: it is core 0 of the real FWQ probe
/// data/noise/kvm-2core-fwq.csv, samples 0–99,999, converted as its header says. The conversion is redone here, in exact
/// decimal arithmetic from the CSV's rows, and must give the file's detours and length to the nanosecond.</summary>
public sealed class LogGopsimSampleTests
{
    private const int Kept = 100_000;

    [Fact]
    public void TheSampleIsCoreZeroOfTheKvmProbeAsItsHeaderSays()
    {
        long samples = 0;
        decimal mean = 0;
        var detours = new List<(long Index, decimal ExcessNs)>();
        foreach (var line in File.ReadLines(SharedFwqData.KvmTrace))
        {
            if (line.StartsWith('#'))
            {
                samples = long.Parse(line.Split(' ').Single(w => w.StartsWith("samples_per_core=", StringComparison.Ordinal))["samples_per_core=".Length..], CultureInfo.InvariantCulture);
                continue;
            }
            var cells = line.Split(',');
            if (cells[0] != "0") continue;
            if (cells[1] == "mean") mean = decimal.Parse(cells[3], CultureInfo.InvariantCulture);
            if (cells[1] == "detour") detours.Add((long.Parse(cells[2], CultureInfo.InvariantCulture), decimal.Parse(cells[3], CultureInfo.InvariantCulture)));
        }
        Assert.Equal(1_000_000, samples);
        detours.Sort();

        // b: a sample's time without its detour excess, so that samples x mean is the probe's wall-clock time.
        var b = (samples * mean - detours.Sum(d => d.ExcessNs)) / samples;
        Assert.Equal(10112.206357m, b); // as the file's header states
        var expectedStarts = new List<double>();
        var expectedDurations = new List<double>();
        decimal before = 0;
        foreach (var (index, excess) in detours.Where(d => d.Index < Kept))
        {
            expectedStarts.Add((double)Math.Round(index * b + before + b) / 1e9);
            expectedDurations.Add((double)excess / 1e9);
            before += excess;
        }
        var expectedLength = (double)Math.Round(Kept * b + before) / 1e9;

        var trace = LogGopsimTrace.Load(Path.Combine(RepoPaths.DataDir, "noise", "kvm-core0-loggopsim.txt"));
        Assert.Equal(expectedStarts, trace.StartSeconds);
        Assert.Equal(expectedDurations, trace.DurationSeconds);
        Assert.Equal(expectedLength, trace.Length.Seconds);
    }
}
