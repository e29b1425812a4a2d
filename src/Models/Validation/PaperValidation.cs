using PerfModel.Descriptions;
using PerfModel.Predictions;

namespace PerfModel.Validation;

/// <summary>
/// Evaluates every <see cref="PaperTargets"/> entry on a study that has the paper's three OSes (<see cref="PaperTargets.Linux"/>,
/// <see cref="PaperTargets.McKernel"/>, <see cref="PaperTargets.Mos"/>) and the applications the targets name. The shape over
/// node counts always comes from the models, never from a per-point fit.
/// </summary>
public static class PaperValidation
{
    /// <summary>Every target next to the model's value, in the order of <see cref="PaperTargets.All"/>.</summary>
    /// <exception cref="KeyNotFoundException">The study lacks an OS or application a target needs.</exception>
    public static IReadOnlyList<ValidationResult> Evaluate(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var pf = study.Platform;
        var predictor = study.Predictor;
        var linux = study.Os[PaperTargets.Linux];
        var mck = study.Os[PaperTargets.McKernel];
        var mos = study.Os[PaperTargets.Mos];
        Prediction P(OsProfile os, AppProfile app, int nodes) => predictor.Predict(pf, os, app, nodes);
        double Rel(OsProfile o, AppProfile a, int n) => P(o, a, n).RelativeTo(P(linux, a, n));
        var results = new List<ValidationResult>();

        // Table I: Lulesh from DDR4 only, one node.
        var lulesh = study.App["lulesh2"];
        OsProfile Ddr(OsProfile o) => o with { Placement = o.Placement with { Policy = PlacementPolicy.DdrOnly } };
        var tLinux = P(Ddr(linux), lulesh, 1).Fom;
        var tMosNoHeap = P(Ddr(mos) with { Brk = linux.Brk }, lulesh, 1).Fom;
        var tMos = P(Ddr(mos), lulesh, 1).Fom;
        results.Add(new(PaperTargets.TableOneLinux, tLinux));
        results.Add(new(PaperTargets.TableOneMosNoHeap, tMosNoHeap));
        results.Add(new(PaperTargets.TableOneMos, tMos));
        results.Add(new(PaperTargets.TableOneNonHeapGain, tMosNoHeap / tLinux));
        results.Add(new(PaperTargets.TableOneHeapGain, tMos / tMosNoHeap));

        // CCS-QCD.
        var ccs = study.App["ccs-qcd"];
        double MaxRel(OsProfile o, AppProfile a) => PaperTargets.Figure4Nodes.Max(n => Rel(o, a, n));
        results.Add(new(PaperTargets.CcsQcdMcKernelMax, MaxRel(mck, ccs)));
        results.Add(new(PaperTargets.CcsQcdMosMax, MaxRel(mos, ccs)));
        var ccsSpill = P(mck, ccs, 2048);
        var ccsDdr = P(Ddr(mck), ccs, 2048);
        results.Add(new(PaperTargets.CcsQcdMcKernelDdr2048, ccsDdr.RelativeTo(ccsSpill)));

        // MiniFE at 1,024 nodes.
        var minife = study.App["minife"];
        results.Add(new(PaperTargets.MiniFeMcKernel1024, Rel(mck, minife, 1024)));
        results.Add(new(PaperTargets.MiniFeMos1024, Rel(mos, minife, 1024)));

        // LAMMPS.
        var lammps = study.App["lammps"];
        results.Add(new(PaperTargets.LammpsMcKernel2048, Rel(mck, lammps, 2048)));
        results.Add(new(PaperTargets.LammpsMos2048, Rel(mos, lammps, 2048)));
        results.Add(new(PaperTargets.LammpsMcKernel1, Rel(mck, lammps, 1)));

        // Lulesh drop at 1,728 nodes: the LWK advantage must grow by at least 1% from 1,331 to 1,728 nodes (a ratio of
        // exactly 1 is no drop at all).
        results.Add(new(PaperTargets.LuleshLinuxDrop1728, Rel(mos, lulesh, 1728) / Rel(mos, lulesh, 1331)));

        // McKernel options at 16 nodes.
        var mckNoOptions = mck with { Syscalls = mck.Syscalls with { SchedYieldIgnored = false, SharedMemoryPremapped = false } };
        double OptionsGain(AppProfile a) => P(mck, a, 16).RelativeTo(P(mckNoOptions, a, 16));
        results.Add(new(PaperTargets.AmgMcKernelOptions16, OptionsGain(study.App["amg2013"])));
        results.Add(new(PaperTargets.MiniFeMcKernelOptions16, OptionsGain(minife)));

        // Median gain across the Fig. 4 applications, both LWKs, all node counts.
        var rel = new List<double>();
        foreach (var name in PaperTargets.Figure4Apps)
        {
            var a = study.App[name];
            foreach (var n in PaperTargets.Figure4Nodes)
            {
                var baseline = P(linux, a, n);
                rel.Add(P(mck, a, n).RelativeTo(baseline));
                rel.Add(P(mos, a, n).RelativeTo(baseline));
            }
        }
        results.Add(new(PaperTargets.MedianGain, MathNet.Numerics.Statistics.Statistics.Median(rel)));
        return results;
    }
}
