using System.Globalization;
using System.Text.RegularExpressions;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Synthesis;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Calibrators;

/// <summary>
/// Memory bandwidths from the STREAM-triad-like bandwidth benchmark (y in a bandwidth unit, converted to bytes per second):
/// <list type="bullet">
/// <item><description><c>kernel.zeroingBytesPerSecondPerCore</c> = median of bandwidth/triad-1-thread: one core's store
/// stream, the rate at which it clears pages (must be &gt; 0);</description></item>
/// <item><description>the DDR tier's <c>bandwidthBytesPerSecond</c> = median of the all-threads series: triad-N-threads as
/// the benchmark names it, else triad-&lt;n&gt;-threads with the largest n ≥ 2.</description></item>
/// </list>
/// </summary>
public sealed partial class BandwidthCalibrator : ICalibrator
{
    /// <inheritdoc />
    public string Id => "bandwidth";

    /// <inheritdoc />
    public string Benchmark => "bandwidth";

    /// <inheritdoc />
    public CalibrationStep Calibrate(CalibrationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var step = new StepBuilder(input);
        var zeroing = StepBuilder.PlatformPath($"{nameof(Platform.Kernel)}.{nameof(KernelCosts.ZeroingBandwidthPerCore)}");
        step.Measure(StepBuilder.NameOf(zeroing), Benchmark, "triad-1-thread", s =>
        {
            var where = StepBuilder.Where(Benchmark, s);
            var e = step.Median(s, zeroing, SeriesUnits.BytesPerSecond(s.YUnit, where), "B/s");
            if (!(e.Value > 0))
                throw new CalibrationException(CalibrationFailure.OutOfDomain, $"{where}: median bandwidth {e.Value} B/s must be > 0");
            step.SetPlatform(zeroing, p => p with { Kernel = p.Kernel with { ZeroingBandwidthPerCore = Bandwidth.FromBytesPerSecond(e.Value) } });
            return [e];
        });

        var tiers = step.Platform.MemoryTiers;
        var ddr = tiers.IndexOf(step.Platform.Ddr);
        var ddrPath = StepBuilder.PlatformPath($"{nameof(Platform.MemoryTiers)}[{ddr}].{nameof(MemoryTier.Bandwidth)}");
        step.Measure(StepBuilder.NameOf(ddrPath), Benchmark, AllThreadsSeries(input), s =>
        {
            var e = step.Median(s, ddrPath, SeriesUnits.BytesPerSecond(s.YUnit, StepBuilder.Where(Benchmark, s)), "B/s");
            step.SetPlatform(ddrPath, p => p with
            {
                MemoryTiers = p.MemoryTiers.SetItem(ddr, p.MemoryTiers[ddr] with { Bandwidth = Bandwidth.FromBytesPerSecond(e.Value) }),
            });
            return [e];
        });
        return step.Step();
    }

    /// <summary>The bandwidth series measured with the most threads (N ≥ 2), named triad-N-threads.</summary>
    private string? AllThreadsSeries(CalibrationInput input)
    {
        var bw = input.Results.FirstOrDefault(r => r.Benchmark == Benchmark && !r.Skipped);
        if (bw is null || bw.Series.IsDefault) return null;
        // The bandwidth benchmark names its all-threads series literally "triad-N-threads".
        if (bw.Series.Any(s => s.Name == "triad-N-threads")) return "triad-N-threads";
        return bw.Series
            .Select(s => (s.Name, Match: ThreadsSeries().Match(s.Name)))
            .Where(t => t.Match.Success && int.TryParse(t.Match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 2)
            .OrderByDescending(t => int.Parse(t.Match.Groups[1].Value, CultureInfo.InvariantCulture))
            .Select(t => t.Name)
            .FirstOrDefault();
    }

    [GeneratedRegex(@"^triad-(\d+)-threads$", RegexOptions.CultureInvariant)]
    private static partial Regex ThreadsSeries();
}
