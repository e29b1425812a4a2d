using System.Globalization;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Measurements;
using PerfModel.Calibration.Synthesis;
using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Profiles.Schema;

namespace PerfModel.Calibration.Calibrators;

/// <summary>
/// Page-fault costs from the faults benchmark (x = pages or bytes touched, y = time).
/// <c>kernel.pageFault4KSeconds</c> = b₄ₖ − 4096 / Z, where b₄ₖ is the OLS slope of faults/touch-4k (time per page touched,
/// <see cref="LinearFit"/>) and Z the zeroing rate (the bandwidth step's estimate when it measured one, else the input
/// platform's): the fault cost excludes zeroing, the slope includes it. Likewise <c>pageFault2MSeconds</c> = b₂ₘ − 2 MiB / Z
/// from faults/touch-2m when present. When zeroing explains (almost) all of the slope the difference is noise around zero,
/// so the result is floored at <see cref="FaultFloorFraction"/> × slope (a small positive cost, which keeps the model's
/// fault term alive without claiming precision); the notes say when that happened. The interval is
/// [b_lo − P/Z_lo, b_hi − P/Z_hi] (each end floored), which propagates the zeroing interval conservatively.
/// </summary>
public sealed class PageFaultCalibrator : ICalibrator
{
    /// <summary>A fault cost is floored at this fraction of the measured per-page time.</summary>
    public const double FaultFloorFraction = 0.01;

    /// <inheritdoc />
    public string Id => "faults";

    /// <inheritdoc />
    public string Benchmark => "faults";

    /// <inheritdoc />
    public CalibrationStep Calibrate(CalibrationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var step = new StepBuilder(input);
        Measure(step, nameof(KernelCosts.PageFault4K), "touch-4k", PageSizes.Base, (k, t) => k with { PageFault4K = t });
        Measure(step, nameof(KernelCosts.PageFault2M), "touch-2m", PageSizes.Huge, (k, t) => k with { PageFault2M = t });
        return step.Step();
    }

    private void Measure(StepBuilder step, string property, string series, ByteSize page, Func<KernelCosts, TimeInterval, KernelCosts> set)
    {
        var path = StepBuilder.PlatformPath($"{nameof(Platform.Kernel)}.{property}");
        step.Measure(StepBuilder.NameOf(path), Benchmark, series, s =>
        {
            var e = Fault(step, s, path, page);
            step.SetPlatform(path, p => p with { Kernel = set(p.Kernel, TimeInterval.FromSeconds(e.Value)) });
            return [e];
        });
    }

    /// <summary>Fault cost = OLS slope (seconds per page) − page zeroing time, floored (see <see cref="PageFaultCalibrator"/>).</summary>
    private ParameterEstimate Fault(StepBuilder step, Series s, string path, ByteSize page)
    {
        var name = StepBuilder.NameOf(path);
        var pageBytes = page.Bytes;
        var where = StepBuilder.Where(Benchmark, s);
        var perPage = SeriesUnits.Seconds(s.YUnit, where) / SeriesUnits.Pages(s.XUnit, page, where);
        var fit = LinearFit.Fit(s, name, "s/page", step.NextSeed());
        var slope = fit.Slope.Value * perPage;
        if (!(slope > 0))
            throw new CalibrationException(CalibrationFailure.OutOfDomain, $"{where}: the time per page {slope:G4} s is not positive");
        var zeroing = step.Input.EstimateOf(StepBuilder.PlatformPath($"{nameof(Platform.Kernel)}.{nameof(KernelCosts.ZeroingBandwidthPerCore)}"));
        var z = zeroing?.Value ?? step.Platform.Kernel.ZeroingBandwidthPerCore.BytesPerSecond;
        var (zLo, zHi) = zeroing is { } ze ? (ze.Lower95, ze.Upper95) : (z, z);
        var floor = FaultFloorFraction * slope;
        var value = slope - pageBytes / z;
        if (value < floor)
        {
            step.Note(string.Create(CultureInfo.InvariantCulture,
                $"{name}: the {where} slope {slope:G4} s/page is at most the zeroing time {pageBytes / z:G4} s; floored at {FaultFloorFraction:P0} of the slope, {floor:G4} s"));
            value = floor;
        }
        var lo = Math.Max(floor, fit.Slope.Lower95 * perPage - pageBytes / zLo);
        var hi = Math.Max(floor, fit.Slope.Upper95 * perPage - pageBytes / zHi);
        var zeroSource = zeroing is null ? "template zeroing rate" : "measured zeroing rate";
        var method = string.Create(CultureInfo.InvariantCulture,
            $"OLS slope {slope:G4} s/page (R²={fit.RSquared:F4}, n={fit.Count}) minus {pageBytes:G} B / {z:G4} B/s ({zeroSource})");
        return StepBuilder.Sets(new ParameterEstimate(name, value, Math.Min(lo, value), Math.Max(hi, value), "s", method), ProfileKind.Platform, path);
    }
}
