using PerfModel.Calibration.Published;

namespace PerfModel.Tests.Calibration.Published;

/// <summary>The published noise tables of data/measured and small valid texts in their formats.</summary>
internal static class PublishedNoiseFiles
{
    public static string Osjitter => Path.Combine(RepoPaths.DataDir, "measured", "osjitter_figures.csv");

    /// <summary>The noise classes of the osjitter figures, seed 1729, fitted once for the tests that read them.</summary>
    public static NoiseClasses Classes => LazyClasses.Value;

    private static readonly Lazy<NoiseClasses> LazyClasses = new(() => NoiseClassFit.Fit(PercentileTable.Load(Osjitter), seed: 1729));

    public static string Fwq => Path.Combine(RepoPaths.DataDir, "measured", "llnl_system_noise_fwq_summary.csv");

    public const string PercentileHeader = "config,cpu,isolated,interruptions,run_s,sum_ns,p20_ns,median_ns,p80_ns,p90_ns,p99_ns,p99_9_ns,max_ns";

    /// <summary>Two rows: config A CPU 5 as published, and a made-up odd-count row.</summary>
    public const string PercentileText = "# comment\n" + PercentileHeader + "\n"
        + "A,5,yes,156,60,576392,2801,3681,4044,4388,11667,12138,12286\n"
        + "X,0,no,5,60,20000,1900,2200,6100,6100,6100,6100,6100\n";

    public const string FwqHeader = "run,worker,cpu,count,mean_us,std_us,min_us,p25_us,p50_us,p75_us,max_us";

    public const string FwqText = FwqHeader + "\n"
        + "r_quietest,2,3,49999,8.853355,0.005862,8.840091,8.850091,8.850091,8.860091,9.640099\n"
        + "r_noisiest,75,,49999,8.859093,0.280071,8.850074,8.850074,8.860074,8.860074,70.080587\n";
}
