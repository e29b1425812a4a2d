using PerfModel.Calibration.Synthesis;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Calibrators;

/// <summary>
/// Kernel call costs from the syscall benchmark: <c>kernel.syscallSeconds</c> = median of syscall/getppid and
/// <c>kernel.schedYieldSeconds</c> = median of syscall/sched_yield (y in a time unit, converted to seconds), each with a
/// percentile-bootstrap 95% interval (<see cref="Fitting.MedianFit"/>). Both include the P/Invoke round trip, which the
/// benchmark's pinvoke-baseline series measures alone.
/// </summary>
public sealed class SyscallCalibrator : ICalibrator
{
    /// <inheritdoc />
    public string Id => "syscall";

    /// <inheritdoc />
    public string Benchmark => "syscall";

    /// <inheritdoc />
    public CalibrationStep Calibrate(CalibrationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var step = new StepBuilder(input);
        Median(step, nameof(KernelCosts.Syscall), "getppid", (k, t) => k with { Syscall = t });
        Median(step, nameof(KernelCosts.SchedYield), "sched_yield", (k, t) => k with { SchedYield = t });
        return step.Step();
    }

    private void Median(StepBuilder step, string property, string series, Func<KernelCosts, TimeInterval, KernelCosts> set)
    {
        var path = StepBuilder.PlatformPath($"{nameof(Platform.Kernel)}.{property}");
        step.Measure(StepBuilder.NameOf(path), Benchmark, series, s =>
        {
            var e = step.Median(s, path, SeriesUnits.Seconds(s.YUnit, StepBuilder.Where(Benchmark, s)), "s");
            step.SetPlatform(path, p => p with { Kernel = set(p.Kernel, TimeInterval.FromSeconds(e.Value)) });
            return [e];
        });
    }
}
