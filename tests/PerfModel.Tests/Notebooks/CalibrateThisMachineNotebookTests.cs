using PerfModel.Calibration.Benchmarks;
using PerfModel.Calibration.Measurements;
using PerfModel.Calibration.Synthesis;
using PerfModel.Profiles;

namespace PerfModel.Tests.Notebooks;

/// <summary>notebooks/05-calibrate-this-machine.ipynb: the quick calibration gives every parameter, finite and inside
/// physical bounds, and a profile that predicts. The values are this machine's and are not asserted.</summary>
public sealed class CalibrateThisMachineNotebookTests
{
    [Fact]
    public void Quick_calibration_gives_finite_physical_estimates_and_a_usable_profile()
    {
        if (!OperatingSystem.IsLinux()) return; // the benchmarks measure Linux (the notebook says so)
        var study = Defaults.Study();
        var results = MicroBenchmarks.All.Select(b => b.Run(new BenchmarkOptions(Quick: true, Scale: 1, Seed: 1729))).ToList();
        var calibrated = CalibratedProfiles.Build(study.Platform, study.BaselineOs, results, "this-machine", "test", 1729);
        Assert.NotEmpty(calibrated.Estimates);
        foreach (var e in calibrated.Estimates)
        {
            Assert.True(double.IsFinite(e.Value) && double.IsFinite(e.Lower95) && double.IsFinite(e.Upper95), e.Name);
            Assert.InRange(e.Value, e.Lower95, e.Upper95);
            // physical bounds by unit: times between 0 and 1 s, rates and bandwidths positive, counts at least 1
            switch (e.Unit)
            {
                case "s": Assert.InRange(e.Value, 0, 1); break;
                case "B/s": Assert.InRange(e.Value, 1e6, 1e13); break;
                case "1/s": Assert.InRange(e.Value, 0, 1e7); break;
                case "entries" or "B": Assert.True(e.Value >= 1, e.Name); break;
            }
        }
        // every benchmark that ran contributed; the measured profile predicts
        Assert.All(results.Where(r => !r.Skipped), r => Assert.True(r.Series.Sum(s => s.Count) > 0, r.Benchmark));
        var measured = calibrated.Os with { Name = "linux-measured", DisplayName = "Linux as measured here" };
        var p = study.With(measured).Predict("minife", "linux-measured", 64);
        Assert.True(double.IsFinite(p.Runtime.Seconds) && p.Runtime.Seconds > 0);
    }
}
