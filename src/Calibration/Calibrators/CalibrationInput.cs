using System.Collections.Immutable;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Measurements;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Calibrators;

/// <summary>What a calibrator works on: the profiles calibrated so far and the measurements.</summary>
/// <param name="Platform">The platform calibrated so far (the template before the first step).</param>
/// <param name="Os">The Linux OS profile calibrated so far (the template before the first step).</param>
/// <param name="Results">The benchmark results of the host (any order; a benchmark may be missing or skipped).</param>
/// <param name="Host">Host name, written into the provenance of measured values.</param>
/// <param name="Date">Date of the measurement (e.g. 2026-12-01), written into the provenance of measured values.</param>
/// <param name="Seed">Seed of the next bootstrap; every fit takes the next one (<see cref="CalibrationStep.NextSeed"/>), so a
/// calibration is reproducible for its starting seed.</param>
/// <param name="Estimates">The estimates the previous steps made (e.g. the measured zeroing rate, which the fault step
/// subtracts); default or empty before the first step.</param>
public sealed record CalibrationInput(Platform Platform, OsProfile Os, IReadOnlyList<BenchmarkResult> Results, string Host, string Date, int Seed,
    ImmutableArray<ParameterEstimate> Estimates)
{
    /// <summary>The result of <paramref name="benchmark"/>: the first that ran, else the first skipped one, else null.</summary>
    public BenchmarkResult? Result(string benchmark) =>
        Results.FirstOrDefault(r => r.Benchmark == benchmark && !r.Skipped) ?? Results.FirstOrDefault(r => r.Benchmark == benchmark);

    /// <summary>The estimate made so far that set <paramref name="jsonPath"/>, or null.</summary>
    public ParameterEstimate? EstimateOf(string jsonPath) => (Estimates.IsDefault ? [] : Estimates).FirstOrDefault(e => e.JsonPath == jsonPath);
}
