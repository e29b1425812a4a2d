using System.Collections.Immutable;
using PerfModel.Profiles;

namespace PerfModel.Tests;

/// <summary>Small, valid, in-code profiles (KNL-like numbers) for tests; derive variants with <c>with</c> expressions.
/// Every instance here passes its own <c>Validate()</c> (checked by <c>PredictorTests.TestProfilesAreValid</c>).</summary>
public static class TestProfiles
{
    public const double KiB = 1024;
    public const double MiB = 1024 * KiB;
    public const double GiB = 1024 * MiB;

    public static readonly MemoryTier Mcdram = new("MCDRAM", MemoryKind.Hbm, 16 * GiB, 421.7e9, 4);
    public static readonly MemoryTier Ddr = new("DDR4", MemoryKind.Ddr, 96 * GiB, 88.4e9, 4);

    /// <summary>KNL 7250-like node: 68 cores (64 for the app, 4 for the OS), MCDRAM + DDR, KNL data-TLB geometry.</summary>
    public static readonly Platform Knl = new(
        Name: "knl-test",
        CoresPerNode: 68,
        AppCoresPerNode: 64,
        OsCoresPerNode: 4,
        FrequencyHz: 1.4e9,
        MemoryTiers: [Mcdram, Ddr],
        Tlb:
        [
            new TlbLevel(1, 4 * KiB, 64),
            new TlbLevel(2, 4 * KiB, 256),
            new TlbLevel(2, 2 * MiB, 128),
            new TlbLevel(2, GiB, 16),
        ],
        TlbL2HitSeconds: 5e-9,
        PageWalkCachedSeconds: 30e-9,
        PageWalkMemorySeconds: 150e-9,
        CacheBytesPerCore: 512 * KiB,
        Kernel: new KernelCosts(
            SyscallSeconds: 0.1e-6,
            SchedYieldSeconds: 0.5e-6,
            PageFault4KSeconds: 1.0e-6,
            PageFault2MSeconds: 20e-6,
            ZeroingBytesPerSecondPerCore: 5e9,
            FaultContentionPerRank: 0.01),
        Network: new Interconnect(
            LatencySeconds: 1e-6,
            OverheadSeconds: 0.3e-6,
            GapPerByteSeconds: 8e-11,
            IntraNodeLatencySeconds: 0.3e-6,
            IntraNodeGapPerByteSeconds: 2e-10,
            ReduceSecondsPerByte: 5e-10),
        MachineNodes: 8192);

    /// <summary>Linux-like noise: a 250 Hz timer tick of 2.5 µs and a rare 50 µs daemon wake-up, not co-scheduled.</summary>
    public static readonly NoiseProfile LinuxNoise = new(
        [new NoiseSource("timer-tick", 250, 2.5e-6), new NoiseSource("daemon", 1, 50e-6)],
        CoScheduled: false);

    /// <summary>Linux-like OS: demand paging, 4 KiB brk heap that returns memory on shrink, THP for mappings,
    /// MCDRAM only when the whole job fits, no offload.</summary>
    public static readonly OsProfile LinuxLike = new(
        Name: "linux-like",
        DisplayName: "Linux-like",
        IsLightweightKernel: false,
        Noise: LinuxNoise,
        Brk: new BrkPolicy(AlignmentBytes: 4 * KiB, GrowthStepBytes: 4 * KiB, ShrinkReturnsMemory: true, PrefaultAtBrk: false,
            ZeroBytesPerGrowthStep: 0, PageBytes: 4 * KiB, TransparentHugePages: true),
        Pages: new PagePolicy(MappingPageBytes: 2 * MiB, MappingLargePageFraction: 0.9, StaticPageBytes: 4 * KiB, PrefaultMappings: false),
        Placement: new MemoryPlacement(PlacementPolicy.HbmIfFitsElseDdr, 0.9, SpillPenalty: 0),
        Syscalls: new SyscallPolicy(DeviceCallsOffloaded: false, OffloadLatencySeconds: 0, SchedYieldIgnored: false, SharedMemoryPremapped: false));

    /// <summary>LWK-like OS: no noise, 2 MiB-aligned heap prefaulted in 2 MiB steps whose shrinks are ignored (4 KiB cleared per
    /// step, as mOS), 1 GiB mapping pages, per-rank MCDRAM split with spill, offloaded device calls.</summary>
    public static readonly OsProfile LwkLike = new(
        Name: "lwk-like",
        DisplayName: "LWK-like",
        IsLightweightKernel: true,
        Noise: NoiseProfile.None,
        Brk: new BrkPolicy(AlignmentBytes: 2 * MiB, GrowthStepBytes: 2 * MiB, ShrinkReturnsMemory: false, PrefaultAtBrk: true,
            ZeroBytesPerGrowthStep: 4 * KiB, PageBytes: 2 * MiB, TransparentHugePages: false),
        Pages: new PagePolicy(MappingPageBytes: GiB, MappingLargePageFraction: 1, StaticPageBytes: 2 * MiB, PrefaultMappings: true),
        Placement: new MemoryPlacement(PlacementPolicy.PerRankSplit, 0.9, SpillPenalty: 0),
        Syscalls: new SyscallPolicy(DeviceCallsOffloaded: true, OffloadLatencySeconds: 5e-6, SchedYieldIgnored: true, SharedMemoryPremapped: true));

    /// <summary>A weak-scaled 3-D stencil code, 64 ranks x 1 thread, 200 MiB per rank (12.5 GiB per node: fits 0.9 x 16 GiB MCDRAM).</summary>
    public static readonly AppProfile Stencil = new(
        Name: "stencil",
        DisplayName: "Stencil",
        Scaling: ScalingMode.Weak,
        RanksPerNode: 64,
        ThreadsPerRank: 1,
        Iterations: 100,
        ComputeSecondsPerIteration: 0.01,
        MemoryBytesPerIteration: 1e8,
        FootprintBytesPerRank: 200 * MiB,
        HeapFraction: 0.3,
        MappingFraction: 0.6,
        RandomAccessFraction: 0.1,
        Heap: new HeapBehaviour(QueriesPerIteration: 8, GrowthsPerIteration: 3, ShrinksPerIteration: 1.5,
            GrownBytesPerIteration: 24e6, PeakHeapBytes: 90e6, TouchedFraction: 0.5),
        Collectives: [new CollectiveCall(CollectiveKind.Allreduce, 8, 2)],
        Halo: new HaloExchange(Neighbours: 6, BytesPerNeighbour: 1e5, ExchangesPerIteration: 1),
        Syscalls: new AppSyscalls(DeviceCallsPerInterNodeMessage: 2, SchedYieldsPerIteration: 10, SharedMemoryFaultsPerIteration: 5),
        Fom: new FigureOfMerit("zones/s", "z/s", WorkPerRankPerIteration: 27000, Scale: 1, HigherIsBetter: true),
        DefaultNodes: [1, 8, 64]);

    /// <summary>A noise profile with every source rate multiplied by <paramref name="factor"/>.</summary>
    public static NoiseProfile ScaleRates(NoiseProfile noise, double factor) =>
        noise with { Sources = noise.Sources.Select(s => s with { RatePerSecond = s.RatePerSecond * factor }).ToImmutableArray() };
}
