using PerfModel.Calibration.Noise;
using PerfModel.Noise.Spec;
using PerfModel.Profiles;
using PerfModel.Tests.Cli;

namespace PerfModel.Tests.Robustness;

/// <summary>The readers and the noise command read and write numbers the same in every culture: noise specs, both trace
/// formats, the embedded profiles and the `noise` CSV under German and Russian cultures (decimal comma, non-breaking space
/// groups) give exactly what they give under the invariant culture.</summary>
public sealed class CultureReadTests
{
    private static readonly string[] Specs =
    [
        "poisson(rate=0.5/s, dur=exp(2.5us)) + poisson(rate=1.25kHz, dur=lognormal(median=1.5us, sigma=0.75))",
        "periodic(freq=1.5kHz, dur=fixed(2.5us)) | nodes(1.5%: poisson(rate=0.05/s, dur=pareto(scale=12.5us, alpha=1.5)) @cosched)",
    ];

    private static (string Specs, string Traces, bool StudyEqual, string NoiseCsv) ReadAll()
    {
        var specs = string.Join("\n", Specs.Select(s => NoiseSpec.Format(NoiseSpec.Parse(s))));
        var fwq = NoiseTraceFile.Load(Path.Combine(RepoPaths.DataDir, "noise", "kvm-2core-fwq.csv"));
        var loggopsim = NoiseTraceFile.Load(Path.Combine(RepoPaths.DataDir, "noise", "kvm-core0-loggopsim.txt"));
        var traces = Fingerprint(fwq) + "\n" + Fingerprint(loggopsim);
        var study = Defaults.Study();
        var csv = CliRunner.Run("noise", "--noise", Specs[0], "--ranks", "64,1000", "--collective", "allreduce-rd", "--round", "1.5us", "--format", "csv").Out;
        return (specs, traces, study.Equals(Defaults.Study()), csv);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ru-RU")]
    public void Specs_traces_profiles_and_noise_csv_read_the_same_in_every_culture(string culture)
    {
        var invariant = ReadAll();
        (string Specs, string Traces, bool StudyEqual, string NoiseCsv) local;
        using (new CultureScope(culture)) local = ReadAll();
        Assert.Equal(invariant.Specs, local.Specs);
        Assert.Equal(invariant.Traces, local.Traces);
        Assert.True(local.StudyEqual);
        Assert.Equal(invariant.NoiseCsv, local.NoiseCsv);
        Assert.Contains("0.5/s", local.Specs); // a decimal point, not the culture's comma
        Assert.Equal(Defaults.Study(), LoadUnder(culture));
    }

    /// <summary>Every number a loaded trace profile holds, written invariantly: rates, and each source's duration samples
    /// (empirical) or mean and quantiles.</summary>
    private static string Fingerprint(PerfModel.Descriptions.NoiseProfile p) => string.Join(";", p.Sources.Select(s =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Arrival} {s.Rate.PerSecond:R} {s.Duration.MeanSeconds:R} ") +
        (s.Duration is PerfModel.Noise.EmpiricalDuration e
            ? string.Join(",", e.ValuesSeconds.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "|" +
              string.Join(",", e.Probabilities.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
            : string.Join(",", new[] { 0.1, 0.5, 0.9, 0.999 }.Select(q => s.Duration.Quantile(q).ToString("R", System.Globalization.CultureInfo.InvariantCulture))))));

    private static Study LoadUnder(string culture)
    {
        using var scope = new CultureScope(culture);
        return Defaults.Study();
    }
}
