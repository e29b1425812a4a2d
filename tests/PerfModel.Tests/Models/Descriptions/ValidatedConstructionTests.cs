using PerfModel.Descriptions;
using PerfModel.Noise;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Descriptions;

/// <summary>Every description record checks its rules when it is made, and again for every <c>with</c> copy, naming the
/// record type, the field, the value and the rule. Each case breaks one rule of a valid profile.</summary>
public sealed class ValidatedConstructionTests
{
    public static TheoryData<string, Func<object>, string> Broken => new()
    {
        { "Platform.AppCoresPerNode", () => Knl with { AppCoresPerNode = 66 }, "must not exceed CoresPerNode (68)" },
        { "Platform.CoresPerNode", () => Knl with { CoresPerNode = 0 }, "whole number >= 1" },
        { "Platform.MemoryTiers", () => Knl with { MemoryTiers = [Mcdram] }, "exactly one tier of kind 'ddr'" },
        { "Platform.MemoryTiers", () => Knl with { MemoryTiers = [Mcdram, Mcdram, Ddr] }, "at most one tier of kind 'hbm'" },
        { "Platform.Tlb", () => Knl with { Tlb = [Tlb(2, 2 * MiB, 128)] }, "4 KiB pages" },
        { "Platform.Name", () => Knl with { Name = " " }, "must not be empty" },
        { "MemoryTier.Capacity", () => Mcdram with { Capacity = ByteSize.Zero }, "must be > 0" },
        { "TlbLevel.PageSize", () => Tlb(1, 3000, 64), "power of two" },
        { "KernelCosts.Syscall", () => Knl.Kernel with { Syscall = TimeInterval.FromSeconds(-1e-9) }, "must be >= 0" },
        { "KernelCosts.CrossCoreInterrupt", () => Knl.Kernel with { CrossCoreInterrupt = TimeInterval.FromSeconds(-1e-9) }, "must be >= 0" },
        { "KernelCosts.Wakeup", () => Knl.Kernel with { Wakeup = TimeInterval.FromSeconds(-1e-6) }, "must be >= 0" },
        { "KernelCosts.ZeroingBandwidthPerCore", () => Knl.Kernel with { ZeroingBandwidthPerCore = Bandwidth.FromBytesPerSecond(0) }, "must be > 0" },
        { "Interconnect.GapPerByte", () => Knl.Network with { GapPerByte = TimeInterval.Zero }, "must be > 0" },
        { "BrkPolicy.ZeroPerGrowthStep", () => LwkLike.Brk with { ZeroPerGrowthStep = ByteSize.FromMiB(4) }, "must not exceed GrowthStep (2 MiB)" },
        { "BrkPolicy.GrowthStep", () => LwkLike.Brk with { GrowthStep = ByteSize.FromKiB(4), ZeroPerGrowthStep = ByteSize.Zero }, "must be at least Page (2 MiB)" },
        { "PagePolicy.MappingLargePageFraction", () => LinuxLike.Pages with { MappingLargePageFraction = 1.5 }, "in [0, 1]" },
        { "MemoryPlacement.SpillPenalty", () => LinuxLike.Placement with { SpillPenalty = double.NaN }, "in [0, 1]" },
        { "SyscallPolicy.OffloadLatency", () => LwkLike.Syscalls with { OffloadLatency = TimeInterval.FromSeconds(-1) }, "must be >= 0" },
        { "NoiseSource.Rate", () => Source("tick", -1, 1e-6), "must be >= 0" },
        { "NoiseSource.Fraction", () => Source("busy", 1000, 2e-3), "must be < 1" },
        { "NoiseSource.Name", () => Source("", 1, 1e-6), "must not be empty" },
        { "NoiseProfile.Sources[1]", () => new NoiseProfile([Source("a", 1000, 6e-4), Source("b", 1000, 6e-4)]), "add up to 1.2" },
        { "FixedDuration.Duration", () => new FixedDuration(TimeInterval.FromSeconds(-1)), "must be >= 0" },
        { "ExponentialDuration.Mean", () => new ExponentialDuration(TimeInterval.Zero), "must be > 0" },
        { "LogNormalDuration.Sigma", () => new LogNormalDuration(TimeInterval.FromMicroseconds(2), 0), "must be a finite number > 0" },
        { "ParetoDuration.Alpha", () => new ParetoDuration(TimeInterval.FromMicroseconds(2), 1), "must be > 1" },
        { "AppProfile.ComputePerIteration", () => Stencil with { ComputePerIteration = TimeInterval.Zero, MemoryTrafficPerIteration = ByteSize.Zero }, "must not both be 0" },
        { "AppProfile.MappingFraction", () => Stencil with { MappingFraction = 0.8 }, "must not exceed 1" },
        { "AppProfile.Heap.PeakHeap", () => Stencil with { FootprintPerRank = ByteSize.FromMiB(10) }, "must not exceed FootprintPerRank" },
        { "AppProfile.DefaultNodes[1]", () => Stencil with { DefaultNodes = [1, 0] }, "must be >= 1" },
        { "AppProfile.DefaultNodes", () => Stencil with { DefaultNodes = [] }, "at least one node count" },
        { "AppProfile.RanksPerNode", () => Stencil with { RanksPerNode = 0 }, "whole number >= 1" },
        { "HeapBehaviour.GrowthsPerIteration", () => Stencil.Heap with { GrowthsPerIteration = 0 }, "must be > 0 when GrownPerIteration > 0" },
        { "HaloExchange.Neighbours", () => Stencil.Halo with { Neighbours = 27 }, "at most 26" },
        { "CollectiveCall.PerIteration", () => new CollectiveCall(CollectiveKind.Allreduce, ByteSize.FromBytes(8), -1), "must be a finite number >= 0" },
        { "FigureOfMerit.Scale", () => Stencil.Fom with { Scale = 0 }, "must be a finite number > 0" },
        { "Scenario.App.RanksPerNode", () => new Scenario(Knl, LinuxLike, Stencil with { ThreadsPerRank = 2 }, 1), "exceeds the 64 application cores" },
        { "Scenario.Nodes", () => new Scenario(Knl, LinuxLike, Stencil, 0), "whole number >= 1" },
        { "Scenario.Nodes", () => new Scenario(Knl, LinuxLike, Stencil, int.MaxValue), "more than this model handles" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_rule_is_refused_when_the_record_is_made(string field, Func<object> make, string rule)
    {
        var e = Assert.Throws<InvalidDescriptionException>(make);
        Assert.Equal(field, $"{e.TypeName}.{e.Field}");
        Assert.Contains(rule, e.Rule);
        Assert.StartsWith(field + " = ", e.Message);
        Assert.IsAssignableFrom<ArgumentException>(e);
    }

    [Fact]
    public void The_test_profiles_are_valid() =>
        // Building them ran every rule; a scenario checks the rule that spans records.
        Assert.Equal(64, new Scenario(Knl, LwkLike, Stencil, 8).Cores / 8);

    [Fact]
    public void A_with_copy_that_fixes_one_field_and_breaks_none_is_accepted()
    {
        var brk = LwkLike.Brk with { GrowthStep = ByteSize.FromMiB(4) };
        Assert.Equal(ByteSize.FromMiB(4), brk.GrowthStep);
        var app = Stencil with { HeapFraction = 0.2, MappingFraction = 0.8 };
        Assert.Equal(1.0, app.HeapFraction + app.MappingFraction);
    }

    [Fact]
    public void Records_compare_by_value()
    {
        Assert.Equal(LinuxLike, LinuxLike with { });
        Assert.NotEqual(LinuxLike, LinuxLike with { Name = "other" });
        Assert.Equal(Source("a", 1, 1e-6), Source("a", 1, 1e-6));
        // Lists compare element by element: two loads of the same file are equal, provenance included.
        Assert.Equal(PerfModel.Profiles.Defaults.Os("linux"), PerfModel.Profiles.Defaults.Os("linux"));
        Assert.Equal(PerfModel.Profiles.Defaults.Platform(), PerfModel.Profiles.Defaults.Platform());
        Assert.Equal(PerfModel.Profiles.Defaults.App("lulesh2"), PerfModel.Profiles.Defaults.App("lulesh2"));
        Assert.Equal(PerfModel.Profiles.Defaults.Study(), PerfModel.Profiles.Defaults.Study());
        Assert.NotEqual(PerfModel.Profiles.Defaults.Os("linux"), PerfModel.Profiles.Defaults.Os("mos"));
        Assert.NotEqual(Knl, Knl with { Tlb = [.. Knl.Tlb.Take(3)] });
        Assert.Equal(Knl, Knl with { Tlb = [.. Knl.Tlb] });
    }
}
