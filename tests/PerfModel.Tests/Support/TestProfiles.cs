using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Tests.Support;

/// <summary>Small, valid, in-code profiles (KNL-like numbers) for tests; derive variants with <c>with</c> expressions
/// (every record is validated when made, so a variant that breaks a rule throws).</summary>
public static class TestProfiles
{
    public const double KiB = 1024;
    public const double MiB = 1024 * KiB;
    public const double GiB = 1024 * MiB;

    public static readonly MemoryTier Mcdram = new()
    {
        Name = "MCDRAM", Kind = MemoryKind.Hbm, Capacity = ByteSize.FromBytes(16 * GiB), Bandwidth = Bandwidth.FromBytesPerSecond(421.7e9), NumaDomains = 4,
    };

    public static readonly MemoryTier Ddr = new()
    {
        Name = "DDR4", Kind = MemoryKind.Ddr, Capacity = ByteSize.FromBytes(96 * GiB), Bandwidth = Bandwidth.FromBytesPerSecond(88.4e9), NumaDomains = 4,
    };

    /// <summary>A TLB structure.</summary>
    public static TlbLevel Tlb(int level, double pageBytes, int entries) => new() { Level = level, PageSize = ByteSize.FromBytes(pageBytes), Entries = entries };

    /// <summary>KNL 7250-like node: 68 cores (64 for the app, 4 for the OS), MCDRAM + DDR, KNL data-TLB geometry.</summary>
    public static readonly Platform Knl = new()
    {
        Name = "knl-test",
        CoresPerNode = 68,
        AppCoresPerNode = 64,
        OsCoresPerNode = 4,
        ClockFrequency = Frequency.FromHertz(1.4e9),
        MemoryTiers = [Mcdram, Ddr],
        Tlb = [Tlb(1, 4 * KiB, 64), Tlb(2, 4 * KiB, 256), Tlb(2, 2 * MiB, 128), Tlb(2, GiB, 16)],
        TlbL2Hit = TimeInterval.FromSeconds(5e-9),
        PageWalkCached = TimeInterval.FromSeconds(30e-9),
        PageWalkMemory = TimeInterval.FromSeconds(150e-9),
        CachePerCore = ByteSize.FromBytes(512 * KiB),
        Kernel = new KernelCosts
        {
            Syscall = TimeInterval.FromSeconds(0.1e-6),
            SchedYield = TimeInterval.FromSeconds(0.5e-6),
            CrossCoreInterrupt = TimeInterval.FromSeconds(1e-6),
            Wakeup = TimeInterval.FromSeconds(2e-6),
            PageFault4K = TimeInterval.FromSeconds(1.0e-6),
            PageFault2M = TimeInterval.FromSeconds(20e-6),
            ZeroingBandwidthPerCore = Bandwidth.FromBytesPerSecond(5e9),
            FaultContentionPerRank = 0.01,
        },
        Network = new Interconnect
        {
            Latency = TimeInterval.FromSeconds(1e-6),
            Overhead = TimeInterval.FromSeconds(0.3e-6),
            GapPerByte = TimeInterval.FromSeconds(8e-11),
            IntraNodeLatency = TimeInterval.FromSeconds(0.3e-6),
            IntraNodeGapPerByte = TimeInterval.FromSeconds(2e-10),
            ReducePerByte = TimeInterval.FromSeconds(5e-10),
        },
        MachineNodes = 8192,
    };

    /// <summary>A noise source with fixed detours.</summary>
    public static NoiseSource Source(string name, double ratePerSecond, double durationSeconds) =>
        new(name, EventRate.FromPerSecond(ratePerSecond), TimeInterval.FromSeconds(durationSeconds));

    /// <summary>A noise source with detours drawn from <paramref name="duration"/>.</summary>
    public static NoiseSource Source(string name, double ratePerSecond, Noise.DurationDistribution duration) =>
        new(name, EventRate.FromPerSecond(ratePerSecond), duration);

    /// <summary>Linux-like noise: a 250 Hz timer tick of 2.5 µs and a rare 50 µs daemon wake-up, not co-scheduled.</summary>
    public static readonly NoiseProfile LinuxNoise = new([Source("timer-tick", 250, 2.5e-6), Source("daemon", 1, 50e-6)], coScheduled: false);

    /// <summary>Linux-like OS: demand paging, 4 KiB brk heap that returns memory on shrink, THP for mappings,
    /// MCDRAM only when the whole job fits, no offload.</summary>
    public static readonly OsProfile LinuxLike = new()
    {
        Name = "linux-like",
        DisplayName = "Linux-like",
        IsLightweightKernel = false,
        Noise = LinuxNoise,
        Brk = new BrkPolicy
        {
            Alignment = ByteSize.FromBytes(4 * KiB), GrowthStep = ByteSize.FromBytes(4 * KiB), ShrinkReturnsMemory = true, PrefaultAtBrk = false,
            ZeroPerGrowthStep = ByteSize.Zero, Page = ByteSize.FromBytes(4 * KiB), TransparentHugePages = true,
        },
        Pages = new PagePolicy { MappingPage = ByteSize.FromBytes(2 * MiB), MappingLargePageFraction = 0.9, StaticPage = ByteSize.FromBytes(4 * KiB), PrefaultMappings = false },
        Placement = new MemoryPlacement { Policy = PlacementPolicy.HbmIfFitsElseDdr, HbmUsableFraction = 0.9, SpillPenalty = 0 },
        Syscalls = new SyscallPolicy { DeviceCallsOffloaded = false, OffloadLatency = TimeInterval.Zero, SchedYieldIgnored = false, SharedMemoryPremapped = false },
    };

    /// <summary>LWK-like OS: no noise, 2 MiB-aligned heap prefaulted in 2 MiB steps whose shrinks are ignored (4 KiB cleared per
    /// step, as mOS), 1 GiB mapping pages, per-rank MCDRAM split with spill, offloaded device calls.</summary>
    public static readonly OsProfile LwkLike = new()
    {
        Name = "lwk-like",
        DisplayName = "LWK-like",
        IsLightweightKernel = true,
        Noise = NoiseProfile.None,
        Brk = new BrkPolicy
        {
            Alignment = ByteSize.FromBytes(2 * MiB), GrowthStep = ByteSize.FromBytes(2 * MiB), ShrinkReturnsMemory = false, PrefaultAtBrk = true,
            ZeroPerGrowthStep = ByteSize.FromBytes(4 * KiB), Page = ByteSize.FromBytes(2 * MiB), TransparentHugePages = false,
        },
        Pages = new PagePolicy { MappingPage = ByteSize.FromBytes(GiB), MappingLargePageFraction = 1, StaticPage = ByteSize.FromBytes(2 * MiB), PrefaultMappings = true },
        Placement = new MemoryPlacement { Policy = PlacementPolicy.PerRankSplit, HbmUsableFraction = 0.9, SpillPenalty = 0 },
        Syscalls = new SyscallPolicy { DeviceCallsOffloaded = true, OffloadLatency = TimeInterval.FromSeconds(5e-6), SchedYieldIgnored = true, SharedMemoryPremapped = true },
    };

    /// <summary>A weak-scaled 3-D stencil code, 64 ranks x 1 thread, 200 MiB per rank (12.5 GiB per node: fits 0.9 x 16 GiB MCDRAM).</summary>
    public static readonly AppProfile Stencil = new()
    {
        Name = "stencil",
        DisplayName = "Stencil",
        Scaling = ScalingMode.Weak,
        RanksPerNode = 64,
        ThreadsPerRank = 1,
        Iterations = 100,
        ComputePerIteration = TimeInterval.FromSeconds(0.01),
        MemoryTrafficPerIteration = ByteSize.FromBytes(1e8),
        FootprintPerRank = ByteSize.FromBytes(200 * MiB),
        HeapFraction = 0.3,
        MappingFraction = 0.6,
        RandomAccessFraction = 0.1,
        Heap = new HeapBehaviour
        {
            QueriesPerIteration = 8, GrowthsPerIteration = 3, ShrinksPerIteration = 1.5,
            GrownPerIteration = ByteSize.FromBytes(24e6), PeakHeap = ByteSize.FromBytes(90e6), TouchedFraction = 0.5,
        },
        Collectives = [new CollectiveCall(CollectiveKind.Allreduce, ByteSize.FromBytes(8), 2)],
        Halo = new HaloExchange { Neighbours = 6, PerNeighbour = ByteSize.FromBytes(1e5), ExchangesPerIteration = 1 },
        Syscalls = new AppSyscalls { DeviceCallsPerInterNodeMessage = 2, SchedYieldsPerIteration = 10, SharedMemoryFaultsPerIteration = 5 },
        Fom = new FigureOfMerit { Name = "zones/s", Unit = "z/s", WorkPerRankPerIteration = 27000, Scale = 1, HigherIsBetter = true },
        DefaultNodes = [1, 8, 64],
    };

    /// <summary>A noise profile with every source rate multiplied by <paramref name="factor"/>.</summary>
    public static NoiseProfile ScaleRates(NoiseProfile noise, double factor) =>
        noise with { Sources = [.. noise.Sources.Select(s => s with { Rate = EventRate.FromPerSecond(s.Rate.PerSecond * factor) })] };

    /// <summary>A step of <paramref name="workSeconds"/> then <paramref name="sync"/> with rounds of <paramref name="roundSeconds"/>.</summary>
    public static Noise.StepShape Step(double workSeconds, Noise.SyncShape sync, double roundSeconds = 0) =>
        new(TimeInterval.FromSeconds(workSeconds), sync, TimeInterval.FromSeconds(roundSeconds));
}
