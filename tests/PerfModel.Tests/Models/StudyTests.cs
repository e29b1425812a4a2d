using PerfModel.Communication;
using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Noise;
using PerfModel.Predictions;
using PerfModel.Profiles;
using PerfModel.Validation;

namespace PerfModel.Tests.Models;

/// <summary>The public entry a notebook uses: load the defaults, change one thing with <c>with</c>, predict a sweep, read
/// typed terms; and the predictor as a composition of mechanism models a user can swap, add or remove.</summary>
public sealed class StudyTests
{
    private static readonly Study Study = Defaults.Study();

    [Fact]
    public void The_default_study_has_the_papers_platform_oses_and_applications()
    {
        Assert.Equal(PaperTargets.Linux, Study.Baseline);
        Assert.Equal(["linux", "mckernel", "mos"], Study.Os.Names);
        Assert.Equal(8, Study.Apps.Length);
        Assert.Equal(64, Study.Platform.AppCoresPerNode);
        var e = Assert.Throws<KeyNotFoundException>(() => Study.Os["windows"]);
        Assert.Contains("linux, mckernel, mos", e.Message);
    }

    [Fact]
    public void A_sweep_has_one_row_per_app_os_and_default_node_count_with_the_ratio_to_the_baseline()
    {
        var sweep = Study.Sweep(apps: ["minife", "lulesh2"]);
        Assert.Equal(3 * (Study.App["minife"].DefaultNodes.Length + Study.App["lulesh2"].DefaultNodes.Length), sweep.Count);
        Assert.All(sweep.Where(r => r.Prediction.Os == "linux"), r => Assert.Equal(1.0, r.RelativeToBaseline));
        var row = sweep.Rows("minife", "mos").Last();
        Assert.Equal(row.Prediction.RelativeTo(row.Baseline), row.RelativeToBaseline);
    }

    [Fact]
    public void A_what_if_is_a_with_copy_and_only_it_changes()
    {
        var mos = Study.Os["mos"];
        var hybrid = Study.Os["linux"] with { Name = "linux-mos-heap", DisplayName = "Linux with mOS heap", Brk = mos.Brk };
        var sweep = Study.With(hybrid).Sweep(apps: ["lulesh2"], oses: ["linux", "linux-mos-heap"], nodes: [1]);
        var linux = sweep.Single(r => r.Prediction.Os == "linux");
        var withMosHeap = sweep.Single(r => r.Prediction.Os == "linux-mos-heap");
        // Lulesh's brk churn costs Linux page faults; the mOS heap policy removes them, so the heap term falls and nothing
        // else that the heap does not feed changes. The heap's pages feed the memory term only through page colouring
        // (2 MiB heap pages cover every colour), so the memory time without that part is unchanged (1e-12 relative: one
        // subtraction of a term 10^-8 of the total) and the colouring part does not grow.
        Assert.True(withMosHeap.Prediction.Term<HeapTerm>().PerIteration < linux.Prediction.Term<HeapTerm>().PerIteration);
        var (linuxMemory, hybridMemory) = (linux.Prediction.Term<MemoryTerm>(), withMosHeap.Prediction.Term<MemoryTerm>());
        var linuxPlacement = linuxMemory.PerIteration.Seconds - linuxMemory.ColourConflictPenalty.Seconds;
        Assert.Equal(linuxPlacement, hybridMemory.PerIteration.Seconds - hybridMemory.ColourConflictPenalty.Seconds, linuxPlacement * 1e-12);
        Assert.True(hybridMemory.ColourConflictPenalty <= linuxMemory.ColourConflictPenalty);
        Assert.True(withMosHeap.RelativeToBaseline > 1);
        Assert.Same(Study.Os["mos"], Study.With(hybrid).Os["mos"]);
    }

    [Fact]
    public void The_study_refuses_an_application_that_does_not_fit_the_platform()
    {
        var e = Assert.Throws<InvalidDescriptionException>(() => Study.With(Study.App["minife"] with { ThreadsPerRank = 2 }));
        Assert.Contains("exceeds the 64 application cores", e.Rule);
        Assert.Throws<InvalidDescriptionException>(() => Study with { Baseline = "windows" });
    }

    [Fact]
    public void Predictions_carry_typed_terms_and_a_breakdown_that_adds_up()
    {
        var p = Study.Predict("minife", "linux", 1024);
        Assert.Equal(7, p.Terms.Count);
        var sum = p.Breakdown.Mechanisms.Sum(m => p.Breakdown[m].Seconds);
        Assert.Equal(p.Runtime.Seconds, sum, p.Runtime.Seconds * 1e-12);
        Assert.InRange(p.Term<MemoryTerm>().HbmFraction, 0, 1);
        Assert.True(p.Term<CommunicationTerm>().InterNodeMessagesPerIteration > 0);
        Assert.True(p.Spread.Min < p.Runtime && p.Runtime < p.Spread.Max);
        Assert.Throws<KeyNotFoundException>(() => Study.With(Study.Predictor.Without("memory-placement")).Predict("minife", "linux", 1).Term<MemoryTerm>());
    }

    [Fact]
    public void A_model_can_be_replaced_without_touching_the_predictor()
    {
        // A TLB model that charges nothing: the prediction loses exactly the TLB term; the other work terms stay as they were.
        var noTlb = Study.With(Study.Predictor.With(new FreeModel("no-tlb", Mechanism.Tlb)));
        var before = Study.Predict("milc", "linux", 1);
        var after = noTlb.Predict("milc", "linux", 1);
        Assert.Equal(TimeInterval.Zero, after.Breakdown[Mechanism.Tlb]);
        Assert.Equal(before.Breakdown[Mechanism.Compute], after.Breakdown[Mechanism.Compute]);
        Assert.Equal(before.Breakdown[Mechanism.Memory], after.Breakdown[Mechanism.Memory]);
        Assert.True(after.Runtime < before.Runtime);
    }

    [Fact]
    public void A_model_added_in_code_enters_the_work_the_noise_model_sees()
    {
        // 1 ms of extra work per iteration (say, a hardware-variability model) is inserted before the noise model, so the
        // noise model spreads its detours over the longer work: the noise term grows too (Linux noise, many nodes).
        var extra = new ExtraWorkModel(TimeInterval.FromMilliseconds(1));
        var study = Study.With(Study.Predictor.Add(extra));
        var before = Study.Predict("minife", "linux", 1024);
        var after = study.Predict("minife", "linux", 1024);
        Assert.Equal(TimeInterval.FromMilliseconds(1).Seconds * Study.App["minife"].Iterations, after.Breakdown[Mechanism.Other].Seconds, 1e-12);
        Assert.True(after.Breakdown[Mechanism.Noise] > before.Breakdown[Mechanism.Noise]);
        Assert.Equal(Study.Predictor.Models.Length + 1, study.Predictor.Models.Length);
        Assert.Equal("noise-amplification", study.Predictor.Models[^1].Info.Id);
    }

    [Fact]
    public void A_predictor_refuses_two_models_with_one_identifier() =>
        Assert.Throws<ArgumentException>(() => Predictor.Default.Add(ComputeModel.Instance));

    private sealed class FreeModel(string id, Mechanism mechanism) : IMechanismModel
    {
        public ModelInfo Info { get; } = new() { Id = id, Title = "charges nothing", Mechanism = mechanism, Citation = "test" };

        public MechanismTerm Evaluate(RankLoad load, TermSet upstream) =>
            new() { ModelId = Info.Id, Mechanism = mechanism, Role = TermRole.Work, PerIteration = TimeInterval.Zero };
    }

    private sealed class ExtraWorkModel(TimeInterval perIteration) : IMechanismModel
    {
        public ModelInfo Info { get; } = new() { Id = "extra-work", Title = "fixed extra work", Mechanism = Mechanism.Other, Citation = "test" };

        public MechanismTerm Evaluate(RankLoad load, TermSet upstream) =>
            new() { ModelId = Info.Id, Mechanism = Mechanism.Other, Role = TermRole.Work, PerIteration = perIteration };
    }
}
