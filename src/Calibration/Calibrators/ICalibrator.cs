namespace PerfModel.Calibration.Calibrators;

/// <summary>
/// One step of the calibration: reads one micro-benchmark's result and replaces the parameters of the platform and/or the
/// Linux OS profile that it measures, keeping everything else. <see cref="Synthesis.CalibratedProfiles.Build"/> runs the
/// steps in order (syscall, bandwidth, page faults, TLB, noise), each on the profiles and estimates the previous ones made.
/// </summary>
public interface ICalibrator
{
    /// <summary>Short identifier of the step: "syscall", "bandwidth", "faults", "tlb" or "noise".</summary>
    string Id { get; }

    /// <summary>The benchmark whose result it reads (<see cref="Measurements.BenchmarkResult.Benchmark"/>): "syscall",
    /// "bandwidth", "faults", "tlb" or "fwq".</summary>
    string Benchmark { get; }

    /// <summary>
    /// The profiles of <paramref name="input"/> with the measured parameters replaced, the estimates made (each naming the
    /// profile field it sets and the provenance text for it) and notes on what was kept and why. A missing or skipped
    /// benchmark or series, or a fit that fails, keeps the input's value and says so in the notes; it does not throw.
    /// The returned profiles keep the input's provenance (apart from entries of values that no longer exist); crediting the
    /// measurements is left to the caller (see <see cref="Synthesis.CalibratedProfiles.Credit(Descriptions.Platform, IEnumerable{Fitting.ParameterEstimate})"/>).
    /// </summary>
    /// <exception cref="Descriptions.ProfileValidationException">A measured value breaks a profile rule (e.g. noise taking
    /// the whole core); the error names the calibrated profile and the JSON path.</exception>
    CalibrationStep Calibrate(CalibrationInput input);
}
