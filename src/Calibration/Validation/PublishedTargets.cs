using PerfModel.Calibration.Profiles;
using PerfModel.Predictions;
using PerfModel.Profiles;

namespace PerfModel.Calibration.Validation;

/// <summary>
/// Every published number of P18 the model can be held to (facts.md §1, §2), each evaluated from a profile set.
/// Rows whose number was used to fit a parameter are marked <see cref="ValidationResult.Fitted"/>; their provenance in
/// data/ says "FITTED" too. The shape over node counts always comes from the models, never from a per-point fit.
/// </summary>
public static class PublishedTargets
{
    private static readonly int[] PowersOfTwo = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048];
    private static readonly string[] Figure4Apps = ["amg2013", "ccs-qcd", "geofem", "hpcg", "lammps", "milc", "minife"];

    public static IReadOnlyList<ValidationResult> Evaluate(ProfileSet set)
    {
        var pf = set.Platform;
        var linux = set.Os("linux");
        var mck = set.Os("mckernel");
        var mos = set.Os("mos");
        var results = new List<ValidationResult>();

        // Table I: Lulesh from DDR4 only, one node (facts 1.2).
        var lulesh = set.App("lulesh2");
        OsProfile Ddr(OsProfile o) => o with { Placement = o.Placement with { Policy = PlacementPolicy.DdrOnly } };
        var tLinux = Predictor.Predict(pf, Ddr(linux), lulesh, 1).Fom;
        var tMosNoHeap = Predictor.Predict(pf, Ddr(mos) with { Brk = linux.Brk }, lulesh, 1).Fom;
        var tMos = Predictor.Predict(pf, Ddr(mos), lulesh, 1).Fom;
        const string t1 = "P18 Table I; facts 1.2";
        results.Add(new("table1-linux", "Lulesh zones/s, Linux, DDR4 only, 1 node", TargetComparison.Approximately, 8959, tLinux, "z/s", t1, Fitted: true));
        results.Add(new("table1-mos-noheap", "Lulesh zones/s, mOS heap management disabled, DDR4 only", TargetComparison.Approximately, 9551, tMosNoHeap, "z/s", t1, false));
        results.Add(new("table1-mos", "Lulesh zones/s, mOS regular heap management, DDR4 only", TargetComparison.Approximately, 10841, tMos, "z/s", t1, false));
        results.Add(new("table1-nonheap-gain", "mOS gain from features other than the heap (heap-disabled / Linux)", TargetComparison.Approximately, 9551.0 / 8959, tMosNoHeap / tLinux, "ratio", t1 + " (about 6%)", false));
        results.Add(new("table1-heap-gain", "mOS gain from brk() handling (regular / heap-disabled)", TargetComparison.Approximately, 10841.0 / 9551, tMos / tMosNoHeap, "ratio", t1 + " (about 15 points; facts 1.2 [D] 1.135)", false));

        // CCS-QCD (facts 1.1 row 4, 5).
        var ccs = set.App("ccs-qcd");
        double MaxRel(OsProfile o, AppProfile a) => PowersOfTwo.Max(n => Predictor.Predict(pf, o, a, n).RelativeTo(Predictor.Predict(pf, linux, a, n)));
        results.Add(new("ccsqcd-mckernel-max", "CCS-QCD best McKernel/Linux over 1-2,048 nodes", TargetComparison.Approximately, 1.39, MaxRel(mck, ccs), "ratio", "P18 Sec. III-C, Fig. 5a; facts 1.1 row 4", Fitted: true));
        results.Add(new("ccsqcd-mos-max", "CCS-QCD best mOS/Linux over 1-2,048 nodes", TargetComparison.Approximately, 1.28, MaxRel(mos, ccs), "ratio", "P18 Sec. III-C, Fig. 5a; facts 1.1 row 4", false));
        var ccsSpill = Predictor.Predict(pf, mck, ccs, 2048);
        var ccsDdr = Predictor.Predict(pf, Ddr(mck), ccs, 2048);
        results.Add(new("ccsqcd-mckernel-ddr-2048", "CCS-QCD McKernel DDR4-only / McKernel with MCDRAM spill, 2,048 nodes", TargetComparison.Approximately, 0.95, ccsDdr.RelativeTo(ccsSpill), "ratio", "P18 Sec. III-C (about 5% slowdown); facts 1.1 row 5", false));

        // MiniFE at 1,024 nodes (facts 1.1 row 6).
        var minife = set.App("minife");
        double Rel(OsProfile o, AppProfile a, int n) => Predictor.Predict(pf, o, a, n).RelativeTo(Predictor.Predict(pf, linux, a, n));
        results.Add(new("minife-mckernel-1024", "MiniFE McKernel/Linux at 1,024 nodes", TargetComparison.Approximately, 7, Rel(mck, minife, 1024), "ratio", "P18 Sec. III-C, Fig. 5b (almost 7x); facts 1.1 row 6", false));
        results.Add(new("minife-mos-1024", "MiniFE mOS/Linux at 1,024 nodes", TargetComparison.Approximately, 7, Rel(mos, minife, 1024), "ratio", "P18 Sec. III-C, Fig. 5b (almost 7x); facts 1.1 row 6", false));

        // LAMMPS (facts 1.1 row 8).
        var lammps = set.App("lammps");
        results.Add(new("lammps-mckernel-2048", "LAMMPS McKernel/Linux at 2,048 nodes", TargetComparison.AtMost, 1, Rel(mck, lammps, 2048), "ratio", "P18 Sec. IV, Fig. 6b: no LWK gain at scale; facts 1.1 row 8", false));
        results.Add(new("lammps-mos-2048", "LAMMPS mOS/Linux at 2,048 nodes", TargetComparison.AtMost, 1, Rel(mos, lammps, 2048), "ratio", "P18 Sec. IV, Fig. 6b: no LWK gain at scale; facts 1.1 row 8", false));
        results.Add(new("lammps-mckernel-1", "LAMMPS McKernel/Linux at 1 node", TargetComparison.AtLeast, 1, Rel(mck, lammps, 1), "ratio", "P18 Sec. IV: single-node results were promising; facts 1.1 row 8", false));

        // Lulesh drop at 1,728 nodes (facts 1.1 row 7): the LWK advantage grows from 1,331 to 1,728 nodes.
        // A drop visible in Fig. 6a: the LWK advantage must grow by at least 1% from 1,331 to 1,728 nodes (a ratio of
        // exactly 1 is no drop at all).
        results.Add(new("lulesh-linux-drop-1728", "Lulesh mOS/Linux at 1,728 nodes over mOS/Linux at 1,331 nodes", TargetComparison.AtLeast, 1.01,
            Rel(mos, lulesh, 1728) / Rel(mos, lulesh, 1331), "ratio", "P18 Sec. III-C, Fig. 6a: Linux drops at 1,728 nodes; facts 1.1 row 7", false));

        // McKernel options at 16 nodes (facts 1.1 rows 9, 10).
        var mckNoOptions = mck with { Syscalls = mck.Syscalls with { SchedYieldIgnored = false, SharedMemoryPremapped = false } };
        double OptionsGain(AppProfile a) => Predictor.Predict(pf, mck, a, 16).RelativeTo(Predictor.Predict(pf, mckNoOptions, a, 16));
        results.Add(new("amg-mckernel-options-16", "AMG2013 McKernel with/without --mpol-shm-premap --disable-sched-yield, 16 nodes", TargetComparison.Approximately, 1.09, OptionsGain(set.App("amg2013")), "ratio", "P18 Sec. IV (+9%); facts 1.1 row 9", Fitted: true));
        results.Add(new("minife-mckernel-options-16", "MiniFE McKernel with/without --mpol-shm-premap --disable-sched-yield, 16 nodes", TargetComparison.Approximately, 1.02, OptionsGain(minife), "ratio", "P18 Sec. IV (+2%); facts 1.1 row 10", Fitted: true));

        // Median gain across the Fig. 4 applications, both LWKs, all node counts (facts 1.1 row 1).
        var rel = new List<double>();
        foreach (var name in Figure4Apps)
        {
            var a = set.App(name);
            foreach (var n in PowersOfTwo)
            {
                var baseline = Predictor.Predict(pf, linux, a, n);
                rel.Add(Predictor.Predict(pf, mck, a, n).RelativeTo(baseline));
                rel.Add(Predictor.Predict(pf, mos, a, n).RelativeTo(baseline));
            }
        }
        results.Add(new("median-gain", "Median LWK/Linux over the Fig. 4 applications, both LWKs, 1-2,048 nodes", TargetComparison.Approximately, 1.09, MathNet.Numerics.Statistics.Statistics.Median(rel), "ratio", "P18 Abstract, Sec. VI (9%); facts 1.1 row 1", false));
        return results;
    }
}
