using System.Collections.Immutable;
using PerfModel.Descriptions;
using PerfModel.Predictions;

namespace PerfModel.Validation;

/// <summary>
/// Measures every <see cref="PaperTargets"/> entry on a study that has the paper's three OSes (<see cref="PaperTargets.Linux"/>,
/// <see cref="PaperTargets.McKernel"/>, <see cref="PaperTargets.Mos"/>) and the applications the targets name. Every effect
/// is taken against the model's own baseline (Table I's mOS rows against the model's Linux, not the paper's 8,959), so a
/// model without an OS effect measures 0. The shape over node counts always comes from the models, never from a per-point fit.
/// </summary>
public static class PaperValidation
{
    /// <summary>Every target next to the model's measurement, in the order of <see cref="PaperTargets.All"/>.</summary>
    /// <exception cref="KeyNotFoundException">The study lacks an OS or application a target needs.</exception>
    public static ImmutableArray<ValidationResult> Evaluate(Study study)
    {
        var m = new Measurer(study);
        return [.. PaperTargets.All.Select(t => new ValidationResult(t, m.Measure(t)))];
    }

    /// <summary>The targets <paramref name="ids"/> next to the model's measurements (cheaper than all of them when only a few
    /// rows matter, e.g. in a fit or a sensitivity scan).</summary>
    /// <exception cref="KeyNotFoundException">An id is unknown, or the study lacks what a target needs.</exception>
    public static ImmutableArray<ValidationResult> Evaluate(Study study, IEnumerable<string> ids) => Evaluate(study, ids, null);

    /// <summary>The targets <paramref name="ids"/> (all of them when null) next to the model's measurements, taking the
    /// predictions from <paramref name="memo"/> when it holds them (a search over many copies of one study that differ in
    /// one profile each: every copy shares the memo; see <see cref="PredictionMemo"/>).</summary>
    /// <exception cref="KeyNotFoundException">An id is unknown, or the study lacks what a target needs.</exception>
    public static ImmutableArray<ValidationResult> Evaluate(Study study, IEnumerable<string>? ids, PredictionMemo? memo)
    {
        var m = new Measurer(study, memo);
        return [.. (ids is null ? PaperTargets.All.AsEnumerable() : ids.Select(PaperTargets.Get)).Select(t => new ValidationResult(t, m.Measure(t)))];
    }

    /// <summary>The target <paramref name="id"/> next to the model's measurement.</summary>
    /// <exception cref="KeyNotFoundException">The id is unknown, or the study lacks what the target needs.</exception>
    public static ValidationResult Evaluate(Study study, string id) => Evaluate(study, [id])[0];

    /// <summary><paramref name="target"/> (one of <see cref="PaperTargets.All"/>, possibly a <c>with</c> copy holding other
    /// published numbers or tolerances) next to the model's measurement of the quantity its <see cref="PaperTarget.Id"/> names.</summary>
    /// <exception cref="KeyNotFoundException">No quantity has that id, or the study lacks what the target needs.</exception>
    public static ValidationResult Evaluate(Study study, PaperTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new ValidationResult(target, new Measurer(study).Measure(target));
    }

    /// <summary>Measures targets on one study, predicting each (OS variant, application, node count) once.</summary>
    private sealed class Measurer
    {
        private readonly Study study;
        private readonly PredictionMemo memo;
        private readonly Dictionary<(string Variant, string App, int Nodes), Prediction> cache = [];
        private readonly Dictionary<string, OsProfile> variants = [];

        public Measurer(Study study, PredictionMemo? memo = null)
        {
            ArgumentNullException.ThrowIfNull(study);
            this.study = study;
            // Without a memo of the caller's, one of its own: the targets' OS variants and node counts share many noise steps.
            this.memo = memo ?? new PredictionMemo();
        }

        public Measurement Measure(PaperTarget t) => t.Id switch
        {
            "table1-linux" => new(Fom("linux-ddr", "lulesh2", 1), 0),
            "table1-mos-noheap" => TableOne("mos-ddr-noheap"),
            "table1-mos" => TableOne("mos-ddr"),
            "table1-heap-gain" => Ratio(Fom("mos-ddr", "lulesh2", 1) / Fom("mos-ddr-noheap", "lulesh2", 1)),
            "ccsqcd-mckernel-max" => Ratio(PaperTargets.Figure4Nodes.Max(n => Rel(PaperTargets.McKernel, "ccs-qcd", n))),
            "ccsqcd-mos-max" => Ratio(PaperTargets.Figure4Nodes.Max(n => Rel(PaperTargets.Mos, "ccs-qcd", n))),
            "ccsqcd-mckernel-ddr-2048" => Ratio(Get("mckernel-ddr", "ccs-qcd", 2048).RelativeTo(Get(PaperTargets.McKernel, "ccs-qcd", 2048))),
            "minife-mckernel-1024" => LogRatio(Rel(PaperTargets.McKernel, "minife", 1024)),
            "minife-mos-1024" => LogRatio(Rel(PaperTargets.Mos, "minife", 1024)),
            "lammps-mckernel-crossover" => Crossover(PaperTargets.McKernel, "lammps"),
            "lammps-mos-crossover" => Crossover(PaperTargets.Mos, "lammps"),
            "lulesh-linux-drop-1728" => Ratio(Rel(PaperTargets.Mos, "lulesh2", 1728) / Rel(PaperTargets.Mos, "lulesh2", 1331)),
            "milc-leaves-window" => Largest("milc"),
            "amg-mckernel-options-16" => Ratio(Get(PaperTargets.McKernel, "amg2013", 16).RelativeTo(Get("mckernel-no-options", "amg2013", 16))),
            "minife-mckernel-options-16" => Ratio(Get(PaperTargets.McKernel, "minife", 16).RelativeTo(Get("mckernel-no-options", "minife", 16))),
            "median-gain" => Ratio(MedianGain()),
            _ => throw new KeyNotFoundException($"validation row '{t.Id}' has no measurement"),
        };

        /// <summary>A Table I row: zones/s, and the effect against the model's own Linux from DDR4.</summary>
        private Measurement TableOne(string variant)
        {
            var fom = Fom(variant, "lulesh2", 1);
            return new(fom, fom / Fom("linux-ddr", "lulesh2", 1) - 1);
        }

        private static Measurement Ratio(double r) => new(r, r - 1);

        private static Measurement LogRatio(double r) => new(r, Math.Log(r));

        /// <summary>A crossover: the advantage at 1 node (Detail) and at 2,048 nodes (Effect), both as ratio − 1.</summary>
        private Measurement Crossover(string os, string app)
        {
            var large = Rel(os, app, PaperTargets.Figure4Nodes[^1]);
            return new(large, large - 1, Rel(os, app, PaperTargets.Figure4Nodes[0]) - 1);
        }

        /// <summary>The largest LWK/Linux ratio of an application over the Fig. 4 node counts, both LWKs.</summary>
        private Measurement Largest(string app)
        {
            var max = PaperTargets.Figure4Nodes.Max(n => Math.Max(Rel(PaperTargets.McKernel, app, n), Rel(PaperTargets.Mos, app, n)));
            return new(max, max);
        }

        private double MedianGain()
        {
            var rel = new List<double>();
            foreach (var app in PaperTargets.Figure4Apps)
                foreach (var n in PaperTargets.Figure4Nodes)
                {
                    rel.Add(Rel(PaperTargets.McKernel, app, n));
                    rel.Add(Rel(PaperTargets.Mos, app, n));
                }
            return MathNet.Numerics.Statistics.Statistics.Median(rel);
        }

        private double Rel(string os, string app, int nodes) => Get(os, app, nodes).RelativeTo(Get(PaperTargets.Linux, app, nodes));

        private double Fom(string variant, string app, int nodes) => Get(variant, app, nodes).Fom;

        private Prediction Get(string variant, string app, int nodes)
        {
            if (!cache.TryGetValue((variant, app, nodes), out var p))
                cache[(variant, app, nodes)] = p = memo.Predict(study.Predictor, study.Platform, Variant(variant), study.App[app], nodes);
            return p;
        }

        /// <summary>The paper's OSes and the configurations its comparisons switch: "-ddr" places everything in DDR4
        /// (Table I, the CCS-QCD DDR4-only run), "-noheap" gives mOS Linux's brk() handling (Table I's heap management
        /// disabled), "mckernel-no-options" drops --disable-sched-yield and --mpol-shm-premap (P18 Sec. IV).</summary>
        private OsProfile Variant(string name)
        {
            if (variants.TryGetValue(name, out var os)) return os;
            os = name switch
            {
                "linux-ddr" => Ddr(study.Os[PaperTargets.Linux]),
                "mos-ddr" => Ddr(study.Os[PaperTargets.Mos]),
                "mos-ddr-noheap" => Ddr(study.Os[PaperTargets.Mos]) with { Brk = study.Os[PaperTargets.Linux].Brk },
                "mckernel-ddr" => Ddr(study.Os[PaperTargets.McKernel]),
                "mckernel-no-options" => NoOptions(study.Os[PaperTargets.McKernel]),
                _ => study.Os[name],
            };
            variants[name] = os;
            return os;
        }

        private static OsProfile Ddr(OsProfile o) => o with { Placement = o.Placement with { Policy = PlacementPolicy.DdrOnly } };

        private static OsProfile NoOptions(OsProfile o) => o with { Syscalls = o.Syscalls with { SchedYieldIgnored = false, SharedMemoryPremapped = false } };
    }
}
