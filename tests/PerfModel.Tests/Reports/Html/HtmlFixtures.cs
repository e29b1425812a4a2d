using System.Collections.Immutable;
using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Validation;

namespace PerfModel.Tests.Reports.Html;

/// <summary>Inputs of the notebook HTML tests: one default study, a prediction and a small sweep of it (computed once),
/// and validation results and a sensitivity scan made directly from their records (no evaluation), so that their
/// numbers are known.</summary>
internal static class HtmlFixtures
{
    public static readonly Study Study = Defaults.Study();

    public static readonly Predictions.Prediction Prediction = Study.Predict("minife", "mos", 1024);

    /// <summary>Two applications on every OS at 1, 64 and 2048 nodes: 18 rows.</summary>
    public static readonly Sweep Sweep = Study.Sweep(apps: ["minife", "lulesh2"], nodes: [1, 64, 2048]);

    public static readonly KnifeEdge Edge = new(new ProfileParameter(ProfileKind.Os, "mckernel", "Syscalls.OffloadLatency"), 8e-6, 4e-6, 1.2e-5, 6.38e-6);

    /// <summary>table1-linux fitted (anchor, 8,958.5 z/s); table1-mos missed (+10.4 % against +21.0 %); lulesh-linux-drop
    /// violated (0 against ≥ +1 pp); median-gain met (+9.7 %) with a knife edge.</summary>
    public static readonly ImmutableArray<ValidationResult> Results =
    [
        new(PaperTargets.TableOneLinux, new Measurement(8958.5, 0)),
        new(PaperTargets.TableOneMos, new Measurement(9890.9, 0.104)),
        new(PaperTargets.LuleshLinuxDrop1728, new Measurement(1.0, 0.0)),
        new ValidationResult(PaperTargets.MedianGain, new Measurement(1.097, 0.097)) { KnifeEdges = [Edge] },
    ];

    /// <summary>A scan of the McKernel offload latency over two values, on two rows: median-gain flips to MISS at 4E-06.</summary>
    public static SensitivityScan Scan()
    {
        var met = Results[3];
        var missed = new ValidationResult(PaperTargets.MedianGain, new Measurement(1.2, 0.2));
        var mos = Results[1];
        return new SensitivityScan(Edge.Parameter, 8e-6, [mos, met],
        [
            new SensitivityPoint(4e-6, [mos, missed], ["median-gain"]),
            new SensitivityPoint(1.2e-5, [mos, met], []),
        ]);
    }
}
