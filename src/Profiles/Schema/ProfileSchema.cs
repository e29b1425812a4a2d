using System.Text.Json;
using PerfModel.Descriptions;

namespace PerfModel.Profiles.Schema;

/// <summary>
/// The one home of the profile file format (schema version 1): for every object of a platform, OS and application file
/// the JSON field names, what each means, which record property it sets and how to read it back. The reader
/// (<see cref="Json.ProfileJson"/>), the writer (<see cref="Json.ProfileJsonWriter"/>), the JSON Schemas in data/schemas
/// (<see cref="Json.JsonSchemaDocument"/>), provenance look-ups and what-if differences (<see cref="ProfilePaths"/>) all walk
/// these tables; no field name is spelled anywhere else.
/// </summary>
public static class ProfileSchema
{
    /// <summary>The schema version this build reads and writes.</summary>
    public const int Version = 1;

    /// <summary>The values of a node count in a <see cref="FieldKind.NodeList"/>: a whole number
    /// (<see cref="QuantityLimits.Whole"/>) that is never 0. Declared before the tables that use it (static fields are
    /// initialised in order).</summary>
    internal static readonly QuantityLimit NodeCount = QuantityLimits.Whole with { What = "a whole number of nodes", ZeroAllowed = false };

    /// <summary>One memory tier.</summary>
    public static readonly ObjectSchema MemoryTier = new(typeof(MemoryTier), "One memory tier of a node (all its NUMA domains).",
    [
        Text<MemoryTier>("name", nameof(Descriptions.MemoryTier.Name), "Display name, e.g. MCDRAM.", t => t.Name),
        Choice<MemoryTier, MemoryKind>("kind", nameof(Descriptions.MemoryTier.Kind), "hbm (on-package high-bandwidth memory) or ddr.", t => t.Kind),
        Q<MemoryTier>("capacityBytes", nameof(Descriptions.MemoryTier.Capacity), "Capacity of the tier on one node, bytes.", t => t.Capacity.Bytes, QuantityLimits.Bytes),
        Q<MemoryTier>("bandwidthBytesPerSecond", nameof(Descriptions.MemoryTier.Bandwidth), "Sustained (STREAM triad) bandwidth of the tier on one node with all application cores, bytes per second.", t => t.Bandwidth.BytesPerSecond, QuantityLimits.BytesPerSecond),
        Int<MemoryTier>("numaDomains", nameof(Descriptions.MemoryTier.NumaDomains), "NUMA domains the tier is split into (4 in SNC-4).", t => t.NumaDomains, QuantityLimits.Whole),
        OptionalQ<MemoryTier>("domainLocalBandwidthBytesPerSecond", nameof(Descriptions.MemoryTier.DomainLocalBandwidth),
            "Bandwidth of one NUMA domain of the tier from the cores of its own quadrant, bytes per second (optional; left out: not measured, no remote penalty).",
            t => t.DomainLocalBandwidth.BytesPerSecond, QuantityLimits.BytesPerSecond, 0.0),
        OptionalQ<MemoryTier>("domainRemoteBandwidthBytesPerSecond", nameof(Descriptions.MemoryTier.DomainRemoteBandwidth),
            "Bandwidth of one NUMA domain of the tier from the cores of another quadrant, bytes per second (optional, with the local one).",
            t => t.DomainRemoteBandwidth.BytesPerSecond, QuantityLimits.BytesPerSecond, 0.0),
    ], v => new MemoryTier
    {
        Name = v.Text(nameof(Descriptions.MemoryTier.Name)), Kind = v.Choice<MemoryKind>(nameof(Descriptions.MemoryTier.Kind)),
        Capacity = v.Bytes(nameof(Descriptions.MemoryTier.Capacity)), Bandwidth = v.BytesPerSecond(nameof(Descriptions.MemoryTier.Bandwidth)),
        NumaDomains = v.Integer(nameof(Descriptions.MemoryTier.NumaDomains)),
        DomainLocalBandwidth = v.BytesPerSecond(nameof(Descriptions.MemoryTier.DomainLocalBandwidth)),
        DomainRemoteBandwidth = v.BytesPerSecond(nameof(Descriptions.MemoryTier.DomainRemoteBandwidth)),
    });

    /// <summary>One data-TLB structure.</summary>
    public static readonly ObjectSchema TlbLevel = new(typeof(TlbLevel), "One data-TLB structure.",
    [
        Int<TlbLevel>("level", nameof(Descriptions.TlbLevel.Level), "1 for the first-level (micro) TLB, 2 for the second level.", t => t.Level, QuantityLimits.Whole),
        Q<TlbLevel>("pageSizeBytes", nameof(Descriptions.TlbLevel.PageSize), "Page size the structure caches, bytes (a power of two).", t => t.PageSize.Bytes, QuantityLimits.Bytes),
        Int<TlbLevel>("entries", nameof(Descriptions.TlbLevel.Entries), "Entries.", t => t.Entries, QuantityLimits.Whole),
    ], v => new TlbLevel
    {
        Level = v.Integer(nameof(Descriptions.TlbLevel.Level)), PageSize = v.Bytes(nameof(Descriptions.TlbLevel.PageSize)), Entries = v.Integer(nameof(Descriptions.TlbLevel.Entries)),
    });

    /// <summary>Kernel operation costs.</summary>
    public static readonly ObjectSchema KernelCosts = new(typeof(KernelCosts), "Costs of kernel operations on one core.",
    [
        Q<KernelCosts>("syscallSeconds", nameof(Descriptions.KernelCosts.Syscall), "A null system call handled locally, seconds.", k => k.Syscall.Seconds, QuantityLimits.Seconds),
        Q<KernelCosts>("crossCoreInterruptSeconds", nameof(Descriptions.KernelCosts.CrossCoreInterrupt), "Delivery of an inter-processor interrupt to another core's handler, seconds.", k => k.CrossCoreInterrupt.Seconds, QuantityLimits.Seconds),
        Q<KernelCosts>("wakeupSeconds", nameof(Descriptions.KernelCosts.Wakeup), "Waking a blocked thread on an interrupted core and switching to it, seconds.", k => k.Wakeup.Seconds, QuantityLimits.Seconds),
        Q<KernelCosts>("schedYieldSeconds", nameof(Descriptions.KernelCosts.SchedYield), "A sched_yield() call with nothing else to run, seconds.", k => k.SchedYield.Seconds, QuantityLimits.Seconds),
        Q<KernelCosts>("pageFault4KSeconds", nameof(Descriptions.KernelCosts.PageFault4K), "Handling of a 4 KiB anonymous page fault, zeroing excluded, seconds.", k => k.PageFault4K.Seconds, QuantityLimits.Seconds),
        Q<KernelCosts>("pageFault2MSeconds", nameof(Descriptions.KernelCosts.PageFault2M), "Handling of a 2 MiB (THP) fault or allocation, zeroing excluded, seconds.", k => k.PageFault2M.Seconds, QuantityLimits.Seconds),
        Q<KernelCosts>("zeroingBytesPerSecondPerCore", nameof(Descriptions.KernelCosts.ZeroingBandwidthPerCore), "Rate at which one core clears memory, bytes per second.", k => k.ZeroingBandwidthPerCore.BytesPerSecond, QuantityLimits.BytesPerSecond),
        Q<KernelCosts>("faultContentionPerRank", nameof(Descriptions.KernelCosts.FaultContentionPerRank), "Extra fault time per additional rank faulting at once, as a fraction of a 4 KiB fault.", k => k.FaultContentionPerRank, QuantityLimits.Factor),
    ], v => new KernelCosts
    {
        Syscall = v.Seconds(nameof(Descriptions.KernelCosts.Syscall)), SchedYield = v.Seconds(nameof(Descriptions.KernelCosts.SchedYield)),
        CrossCoreInterrupt = v.Seconds(nameof(Descriptions.KernelCosts.CrossCoreInterrupt)), Wakeup = v.Seconds(nameof(Descriptions.KernelCosts.Wakeup)),
        PageFault4K = v.Seconds(nameof(Descriptions.KernelCosts.PageFault4K)), PageFault2M = v.Seconds(nameof(Descriptions.KernelCosts.PageFault2M)),
        ZeroingBandwidthPerCore = v.BytesPerSecond(nameof(Descriptions.KernelCosts.ZeroingBandwidthPerCore)),
        FaultContentionPerRank = v.Number(nameof(Descriptions.KernelCosts.FaultContentionPerRank)),
    });

    /// <summary>LogGP interconnect parameters.</summary>
    public static readonly ObjectSchema Interconnect = new(typeof(Interconnect), "LogGP parameters of the network and of shared-memory transport inside a node.",
    [
        Q<Interconnect>("latencySeconds", nameof(Descriptions.Interconnect.Latency), "L: wire and switch latency between two nodes, seconds.", n => n.Latency.Seconds, QuantityLimits.Seconds),
        Q<Interconnect>("overheadSeconds", nameof(Descriptions.Interconnect.Overhead), "o: CPU overhead per message at each end, seconds.", n => n.Overhead.Seconds, QuantityLimits.Seconds),
        Q<Interconnect>("gapPerByteSeconds", nameof(Descriptions.Interconnect.GapPerByte), "G: time per byte of long messages between nodes, seconds per byte.", n => n.GapPerByte.Seconds, QuantityLimits.SecondsPerByte),
        Q<Interconnect>("intraNodeLatencySeconds", nameof(Descriptions.Interconnect.IntraNodeLatency), "Latency of a shared-memory message inside a node, seconds.", n => n.IntraNodeLatency.Seconds, QuantityLimits.Seconds),
        Q<Interconnect>("intraNodeGapPerByteSeconds", nameof(Descriptions.Interconnect.IntraNodeGapPerByte), "Time per byte of a shared-memory copy, seconds per byte.", n => n.IntraNodeGapPerByte.Seconds, QuantityLimits.SecondsPerByte),
        Q<Interconnect>("reduceSecondsPerByte", nameof(Descriptions.Interconnect.ReducePerByte), "Time per byte to combine two operands in a reduction, seconds per byte.", n => n.ReducePerByte.Seconds, QuantityLimits.SecondsPerByte),
        new("runToRunLogSd", nameof(Descriptions.Interconnect.RunToRunLogSd), FieldKind.Quantity,
            "sigma of the natural log of the factor one run keeps on all its communication time (collectives and halo exchanges), median 1, independent between runs; dimensionless (optional; left out: 0, every run communicates alike).",
            o => ((Interconnect)o).RunToRunLogSd, optional: true, defaultValue: 0.0, limit: QuantityLimits.RunToRunLogSd),
    ], v => new Interconnect
    {
        Latency = v.Seconds(nameof(Descriptions.Interconnect.Latency)), Overhead = v.Seconds(nameof(Descriptions.Interconnect.Overhead)),
        GapPerByte = v.Seconds(nameof(Descriptions.Interconnect.GapPerByte)), IntraNodeLatency = v.Seconds(nameof(Descriptions.Interconnect.IntraNodeLatency)),
        IntraNodeGapPerByte = v.Seconds(nameof(Descriptions.Interconnect.IntraNodeGapPerByte)), ReducePerByte = v.Seconds(nameof(Descriptions.Interconnect.ReducePerByte)),
        RunToRunLogSd = v.Number(nameof(Descriptions.Interconnect.RunToRunLogSd)),
    });

    /// <summary>A platform file (data/platforms/*.json).</summary>
    public static readonly ObjectSchema Platform = new(typeof(Platform), "A compute node type and the machine built from it.",
    [
        Text<Platform>("name", nameof(Descriptions.Platform.Name), "Display name.", p => p.Name),
        Int<Platform>("coresPerNode", nameof(Descriptions.Platform.CoresPerNode), "Physical cores per node.", p => p.CoresPerNode, QuantityLimits.Whole),
        Int<Platform>("appCoresPerNode", nameof(Descriptions.Platform.AppCoresPerNode), "Cores given to the application.", p => p.AppCoresPerNode, QuantityLimits.Whole),
        Int<Platform>("osCoresPerNode", nameof(Descriptions.Platform.OsCoresPerNode), "Cores reserved for the OS.", p => p.OsCoresPerNode, QuantityLimits.Whole),
        Q<Platform>("frequencyHz", nameof(Descriptions.Platform.ClockFrequency), "Core clock, hertz.", p => p.ClockFrequency.Hertz, QuantityLimits.Hertz),
        Objects<Platform>("memoryTiers", nameof(Descriptions.Platform.MemoryTiers), "Memory tiers of one node: exactly one ddr, at most one hbm.", MemoryTier, p => p.MemoryTiers),
        Objects<Platform>("tlb", nameof(Descriptions.Platform.Tlb), "Data-TLB structures; one for 4 KiB pages.", TlbLevel, p => p.Tlb),
        Q<Platform>("tlbL2HitSeconds", nameof(Descriptions.Platform.TlbL2Hit), "Penalty of a first-level TLB miss that hits the second level, seconds.", p => p.TlbL2Hit.Seconds, QuantityLimits.Seconds),
        Q<Platform>("pageWalkCachedSeconds", nameof(Descriptions.Platform.PageWalkCached), "A page walk whose entries hit in cache, seconds.", p => p.PageWalkCached.Seconds, QuantityLimits.Seconds),
        Q<Platform>("pageWalkMemorySeconds", nameof(Descriptions.Platform.PageWalkMemory), "Extra time of a walk whose leaf entry misses the cache, seconds.", p => p.PageWalkMemory.Seconds, QuantityLimits.Seconds),
        Q<Platform>("cacheBytesPerCore", nameof(Descriptions.Platform.CachePerCore), "Last-level cache per core, bytes.", p => p.CachePerCore.Bytes, QuantityLimits.Bytes),
        OptionalInt<Platform>("cacheWays", nameof(Descriptions.Platform.CacheWays),
            "Associativity of the last-level cache (optional; left out: not given, no page-colouring term).", p => p.CacheWays, QuantityLimits.Whole, 0),
        OptionalInt<Platform>("coresPerCache", nameof(Descriptions.Platform.CoresPerCache),
            "Cores sharing one last-level cache (optional; left out: 1).", p => p.CoresPerCache, QuantityLimits.Whole, 1),
        Object<Platform>("kernel", nameof(Descriptions.Platform.Kernel), "Kernel operation costs.", KernelCosts, p => p.Kernel),
        Object<Platform>("network", nameof(Descriptions.Platform.Network), "Interconnect (LogGP) parameters.", Interconnect, p => p.Network),
        Int<Platform>("machineNodes", nameof(Descriptions.Platform.MachineNodes), "Nodes in the whole machine.", p => p.MachineNodes, QuantityLimits.Whole),
    ], v => new Platform
    {
        Name = v.Text(nameof(Descriptions.Platform.Name)), CoresPerNode = v.Integer(nameof(Descriptions.Platform.CoresPerNode)),
        AppCoresPerNode = v.Integer(nameof(Descriptions.Platform.AppCoresPerNode)), OsCoresPerNode = v.Integer(nameof(Descriptions.Platform.OsCoresPerNode)),
        ClockFrequency = v.Hertz(nameof(Descriptions.Platform.ClockFrequency)), MemoryTiers = v.Objects<MemoryTier>(nameof(Descriptions.Platform.MemoryTiers)),
        Tlb = v.Objects<TlbLevel>(nameof(Descriptions.Platform.Tlb)), TlbL2Hit = v.Seconds(nameof(Descriptions.Platform.TlbL2Hit)),
        PageWalkCached = v.Seconds(nameof(Descriptions.Platform.PageWalkCached)), PageWalkMemory = v.Seconds(nameof(Descriptions.Platform.PageWalkMemory)),
        CachePerCore = v.Bytes(nameof(Descriptions.Platform.CachePerCore)), CacheWays = v.Integer(nameof(Descriptions.Platform.CacheWays)),
        CoresPerCache = v.Integer(nameof(Descriptions.Platform.CoresPerCache)), Kernel = v.Object<KernelCosts>(nameof(Descriptions.Platform.Kernel)),
        Network = v.Object<Interconnect>(nameof(Descriptions.Platform.Network)), MachineNodes = v.Integer(nameof(Descriptions.Platform.MachineNodes)),
    });

    /// <summary>One noise source.</summary>
    public static readonly ObjectSchema NoiseSource = new(typeof(NoiseSource), "A per-core detour process: Poisson or periodic arrivals, independent durations.",
    [
        Text<NoiseSource>("name", nameof(Descriptions.NoiseSource.Name), "Name of the source.", s => s.Name),
        Choice<NoiseSource, NoiseArrival>("arrival", nameof(Descriptions.NoiseSource.Arrival),
            "How detours arrive on each core: poisson (the default when left out; daemons, interrupts) or periodic (one detour every 1/ratePerSecond seconds at a random phase per core, in phase on every core when co-scheduled; a timer tick: every detour must end before the next starts). A recorded trace is replayed only from a noise spec (trace(path)); it cannot be written in a profile.",
            s => s.Arrival, [NoiseArrival.Poisson, NoiseArrival.Periodic], NoiseArrival.Poisson),
        Q<NoiseSource>("ratePerSecond", nameof(Descriptions.NoiseSource.Rate), "Detours per second on each core.", s => s.Rate.PerSecond, QuantityLimits.PerSecond),
        new("duration", nameof(Descriptions.NoiseSource.Duration), FieldKind.Duration,
            "Detour duration: durationSeconds (every detour this long) or duration: {distribution: fixed|exponential|lognormal|pareto|empirical, …}.",
            o => ((NoiseSource)o).Duration),
    ], v => new NoiseSource(v.Text(nameof(Descriptions.NoiseSource.Name)), v.PerSecond(nameof(Descriptions.NoiseSource.Rate)), v.Duration(nameof(Descriptions.NoiseSource.Duration)),
        v.Choice<NoiseArrival>(nameof(Descriptions.NoiseSource.Arrival))));

    /// <summary>The noise of the nodes of one node class: a noise object without node classes of its own.</summary>
    public static readonly ObjectSchema NodeClassNoise = new(typeof(NoiseProfile), "The noise every core of a node in the class sees instead of the profile's own sources (no node classes of its own).",
        NoiseFields(), v => new NoiseProfile(v.Objects<NoiseSource>(nameof(NoiseProfile.Sources)), v.Boolean(nameof(NoiseProfile.CoScheduled))), "nodeClassNoise");

    /// <summary>A share of the nodes with other noise.</summary>
    public static readonly ObjectSchema NodeNoiseClass = new(typeof(NodeNoiseClass), "A share of the nodes whose cores see other noise (a few noisy nodes in a big job): each node belongs to the class independently with probability share.",
    [
        Q<NodeNoiseClass>("share", nameof(Descriptions.NodeNoiseClass.Share), "Fraction of the nodes in the class, in (0, 1]; the shares of all classes add up to at most 1.", c => c.Share, QuantityLimits.Factor),
        Object<NodeNoiseClass>("noise", nameof(Descriptions.NodeNoiseClass.Noise), "The noise of every core of a node in the class: coScheduled and sources, as the profile's own.", NodeClassNoise, c => c.Noise),
        Choice<NodeNoiseClass, NoiseClassScope>("scope", nameof(Descriptions.NodeNoiseClass.Scope),
            "node (default: each node joins the class, then all its cores have its noise) or core (each core joins it on its own; share is then a fraction of the cores). The classes of a profile have one scope.",
            c => c.Scope, [NoiseClassScope.Node, NoiseClassScope.Core], NoiseClassScope.Node),
    ], v => new NodeNoiseClass(v.Number(nameof(Descriptions.NodeNoiseClass.Share)), v.Object<NoiseProfile>(nameof(Descriptions.NodeNoiseClass.Noise)))
    {
        Scope = v.Choice<NoiseClassScope>(nameof(Descriptions.NodeNoiseClass.Scope)),
    });

    /// <summary>The noise seen by application cores.</summary>
    public static readonly ObjectSchema Noise = new(typeof(NoiseProfile), "OS noise seen by each application core: independent sources that add up.",
    [
        .. NoiseFields(),
        Objects<NoiseProfile>("nodeClasses", nameof(NoiseProfile.NodeClasses),
            "Shares of the nodes whose cores see other noise instead of sources (optional; left out: every node has sources).", NodeNoiseClass, n => n.NodeClasses, optional: true),
    ], v => new NoiseProfile(v.Objects<NoiseSource>(nameof(NoiseProfile.Sources)), v.Boolean(nameof(NoiseProfile.CoScheduled)))
    {
        NodeClasses = v.Objects<NodeNoiseClass>(nameof(NoiseProfile.NodeClasses)),
    });

    /// <summary>The heap (brk) policy.</summary>
    public static readonly ObjectSchema BrkPolicy = new(typeof(BrkPolicy), "How the OS services brk().",
    [
        Q<BrkPolicy>("alignmentBytes", nameof(Descriptions.BrkPolicy.Alignment), "Heap start alignment, bytes.", b => b.Alignment.Bytes, QuantityLimits.Bytes),
        Q<BrkPolicy>("growthStepBytes", nameof(Descriptions.BrkPolicy.GrowthStep), "The heap grows in multiples of this, bytes.", b => b.GrowthStep.Bytes, QuantityLimits.Bytes),
        Bool<BrkPolicy>("shrinkReturnsMemory", nameof(Descriptions.BrkPolicy.ShrinkReturnsMemory), "Whether a contraction unmaps pages.", b => b.ShrinkReturnsMemory),
        Bool<BrkPolicy>("prefaultAtBrk", nameof(Descriptions.BrkPolicy.PrefaultAtBrk), "Whether pages are allocated inside brk() rather than on first touch.", b => b.PrefaultAtBrk),
        Q<BrkPolicy>("zeroBytesPerGrowthStep", nameof(Descriptions.BrkPolicy.ZeroPerGrowthStep), "Bytes cleared per growth step when prefaulting.", b => b.ZeroPerGrowthStep.Bytes, QuantityLimits.Bytes),
        Q<BrkPolicy>("pageBytes", nameof(Descriptions.BrkPolicy.Page), "Page size backing the heap, bytes.", b => b.Page.Bytes, QuantityLimits.Bytes),
        Bool<BrkPolicy>("transparentHugePages", nameof(Descriptions.BrkPolicy.TransparentHugePages), "Whether 2 MiB-aligned parts of a demand-paged growth get a huge page.", b => b.TransparentHugePages),
        OptionalBool<BrkPolicy>("physicallyContiguous", nameof(Descriptions.BrkPolicy.PhysicallyContiguous),
            "Whether the heap is backed by physically contiguous blocks, so its 4 KiB pages cover the cache colours evenly (optional; left out: false, frames taken one by one).", b => b.PhysicallyContiguous),
    ], v => new BrkPolicy
    {
        Alignment = v.Bytes(nameof(Descriptions.BrkPolicy.Alignment)), GrowthStep = v.Bytes(nameof(Descriptions.BrkPolicy.GrowthStep)),
        ShrinkReturnsMemory = v.Boolean(nameof(Descriptions.BrkPolicy.ShrinkReturnsMemory)), PrefaultAtBrk = v.Boolean(nameof(Descriptions.BrkPolicy.PrefaultAtBrk)),
        ZeroPerGrowthStep = v.Bytes(nameof(Descriptions.BrkPolicy.ZeroPerGrowthStep)), Page = v.Bytes(nameof(Descriptions.BrkPolicy.Page)),
        TransparentHugePages = v.Boolean(nameof(Descriptions.BrkPolicy.TransparentHugePages)),
        PhysicallyContiguous = v.Boolean(nameof(Descriptions.BrkPolicy.PhysicallyContiguous)),
    });

    /// <summary>Page sizes of the non-heap memory.</summary>
    public static readonly ObjectSchema PagePolicy = new(typeof(PagePolicy), "Page sizes for the application's non-heap memory.",
    [
        Q<PagePolicy>("mappingPageBytes", nameof(Descriptions.PagePolicy.MappingPage), "Page size of large anonymous mappings, bytes.", p => p.MappingPage.Bytes, QuantityLimits.Bytes),
        Q<PagePolicy>("mappingLargePageFraction", nameof(Descriptions.PagePolicy.MappingLargePageFraction), "Fraction of mapped bytes that get that page size, in [0, 1].", p => p.MappingLargePageFraction, QuantityLimits.Factor),
        Q<PagePolicy>("staticPageBytes", nameof(Descriptions.PagePolicy.StaticPage), "Page size of data/BSS and stack, bytes.", p => p.StaticPage.Bytes, QuantityLimits.Bytes),
        Bool<PagePolicy>("prefaultMappings", nameof(Descriptions.PagePolicy.PrefaultMappings), "Whether mmap() allocates physical memory up front.", p => p.PrefaultMappings),
        OptionalBool<PagePolicy>("physicallyContiguous", nameof(Descriptions.PagePolicy.PhysicallyContiguous),
            "Whether mappings, static data and stack are backed by physically contiguous memory, so their 4 KiB pages cover the cache colours evenly (optional; left out: false).", p => p.PhysicallyContiguous),
    ], v => new PagePolicy
    {
        MappingPage = v.Bytes(nameof(Descriptions.PagePolicy.MappingPage)), MappingLargePageFraction = v.Number(nameof(Descriptions.PagePolicy.MappingLargePageFraction)),
        StaticPage = v.Bytes(nameof(Descriptions.PagePolicy.StaticPage)), PrefaultMappings = v.Boolean(nameof(Descriptions.PagePolicy.PrefaultMappings)),
        PhysicallyContiguous = v.Boolean(nameof(Descriptions.PagePolicy.PhysicallyContiguous)),
    });

    /// <summary>HBM/DDR placement.</summary>
    public static readonly ObjectSchema Placement = new(typeof(MemoryPlacement), "How the OS places application memory on an HBM + DDR node.",
    [
        Choice<MemoryPlacement, PlacementPolicy>("policy", nameof(MemoryPlacement.Policy), "hbm-if-fits-else-ddr, ddr-only, per-rank-split or demand-paging-fallback.", p => p.Policy),
        Q<MemoryPlacement>("hbmUsableFraction", nameof(MemoryPlacement.HbmUsableFraction), "Fraction of the HBM capacity application data can occupy, in [0, 1].", p => p.HbmUsableFraction, QuantityLimits.Factor),
        Q<MemoryPlacement>("spillPenalty", nameof(MemoryPlacement.SpillPenalty), "How much colder than average the bytes placed in HBM are when spilling, in [0, 1].", p => p.SpillPenalty, QuantityLimits.Factor),
        OptionalQ<MemoryPlacement>("remoteFraction", nameof(MemoryPlacement.RemoteFraction),
            "Share of a rank's memory traffic served by another quadrant's NUMA domain, in [0, 1] (optional; left out: 0, all local).", p => p.RemoteFraction, QuantityLimits.Factor, 0.0),
    ], v => new MemoryPlacement
    {
        Policy = v.Choice<PlacementPolicy>(nameof(MemoryPlacement.Policy)), HbmUsableFraction = v.Number(nameof(MemoryPlacement.HbmUsableFraction)),
        SpillPenalty = v.Number(nameof(MemoryPlacement.SpillPenalty)), RemoteFraction = v.Number(nameof(MemoryPlacement.RemoteFraction)),
    });

    /// <summary>System-call offload policy.</summary>
    public static readonly ObjectSchema SyscallPolicy = new(typeof(SyscallPolicy), "Which system calls the OS forwards to Linux and what that costs.",
    [
        Bool<SyscallPolicy>("deviceCallsOffloaded", nameof(Descriptions.SyscallPolicy.DeviceCallsOffloaded), "Whether calls on device files are offloaded.", s => s.DeviceCallsOffloaded),
        Choice<SyscallPolicy, OffloadMechanism>("offloadMechanism", nameof(Descriptions.SyscallPolicy.Mechanism),
            "How offloaded calls reach Linux: fixed (the default when left out: offloadLatencySeconds is the whole round trip), proxy-process (McKernel: an interrupt wakes a Linux proxy that runs the call; the caller spins on the reply) or thread-migration (mOS: the caller is woken on a Linux core and again on its own core).",
            s => s.Mechanism, [OffloadMechanism.Fixed, OffloadMechanism.ProxyProcess, OffloadMechanism.ThreadMigration], OffloadMechanism.Fixed),
        Q<SyscallPolicy>("offloadLatencySeconds", nameof(Descriptions.SyscallPolicy.OffloadLatency), "fixed: round trip of one offloaded call on top of the call; proxy-process, thread-migration: the mechanism's own messaging or run-queue work on top of the interrupts, wake-ups and system calls of its steps; seconds.", s => s.OffloadLatency.Seconds, QuantityLimits.Seconds),
        Bool<SyscallPolicy>("schedYieldIgnored", nameof(Descriptions.SyscallPolicy.SchedYieldIgnored), "Whether sched_yield() is a no-op.", s => s.SchedYieldIgnored),
        Bool<SyscallPolicy>("sharedMemoryPremapped", nameof(Descriptions.SyscallPolicy.SharedMemoryPremapped), "Whether MPI shared-memory regions are premapped.", s => s.SharedMemoryPremapped),
    ], v => new SyscallPolicy
    {
        DeviceCallsOffloaded = v.Boolean(nameof(Descriptions.SyscallPolicy.DeviceCallsOffloaded)), OffloadLatency = v.Seconds(nameof(Descriptions.SyscallPolicy.OffloadLatency)),
        Mechanism = v.Choice<OffloadMechanism>(nameof(Descriptions.SyscallPolicy.Mechanism)),
        SchedYieldIgnored = v.Boolean(nameof(Descriptions.SyscallPolicy.SchedYieldIgnored)), SharedMemoryPremapped = v.Boolean(nameof(Descriptions.SyscallPolicy.SharedMemoryPremapped)),
    });

    /// <summary>An OS file (data/os/*.json).</summary>
    public static readonly ObjectSchema Os = new(typeof(OsProfile), "An operating system configuration as the application sees it.",
    [
        Text<OsProfile>("name", nameof(OsProfile.Name), "Identifier (linux, mckernel, mos).", o => o.Name),
        Text<OsProfile>("displayName", nameof(OsProfile.DisplayName), "Name for tables and figures.", o => o.DisplayName),
        Bool<OsProfile>("lightweightKernel", nameof(OsProfile.IsLightweightKernel), "True for a lightweight kernel.", o => o.IsLightweightKernel),
        Object<OsProfile>("noise", nameof(OsProfile.Noise), "Noise seen by application cores.", Noise, o => o.Noise),
        Object<OsProfile>("brk", nameof(OsProfile.Brk), "Heap policy.", BrkPolicy, o => o.Brk),
        Object<OsProfile>("pages", nameof(OsProfile.Pages), "Page sizes of the non-heap memory.", PagePolicy, o => o.Pages),
        Object<OsProfile>("placement", nameof(OsProfile.Placement), "HBM/DDR placement.", Placement, o => o.Placement),
        Object<OsProfile>("syscalls", nameof(OsProfile.Syscalls), "Offload policy.", SyscallPolicy, o => o.Syscalls),
    ], v => new OsProfile
    {
        Name = v.Text(nameof(OsProfile.Name)), DisplayName = v.Text(nameof(OsProfile.DisplayName)), IsLightweightKernel = v.Boolean(nameof(OsProfile.IsLightweightKernel)),
        Noise = v.Object<NoiseProfile>(nameof(OsProfile.Noise)), Brk = v.Object<BrkPolicy>(nameof(OsProfile.Brk)), Pages = v.Object<PagePolicy>(nameof(OsProfile.Pages)),
        Placement = v.Object<MemoryPlacement>(nameof(OsProfile.Placement)), Syscalls = v.Object<SyscallPolicy>(nameof(OsProfile.Syscalls)),
    });

    /// <summary>An application's heap behaviour.</summary>
    public static readonly ObjectSchema HeapBehaviour = new(typeof(HeapBehaviour), "What one rank's heap does per iteration.",
    [
        Q<HeapBehaviour>("queriesPerIteration", nameof(Descriptions.HeapBehaviour.QueriesPerIteration), "sbrk(0) calls per iteration.", h => h.QueriesPerIteration, QuantityLimits.Count),
        Q<HeapBehaviour>("growthsPerIteration", nameof(Descriptions.HeapBehaviour.GrowthsPerIteration), "brk() expansions per iteration.", h => h.GrowthsPerIteration, QuantityLimits.Count),
        Q<HeapBehaviour>("shrinksPerIteration", nameof(Descriptions.HeapBehaviour.ShrinksPerIteration), "brk() contractions per iteration.", h => h.ShrinksPerIteration, QuantityLimits.Count),
        Q<HeapBehaviour>("grownBytesPerIteration", nameof(Descriptions.HeapBehaviour.GrownPerIteration), "Bytes requested by the expansions per iteration.", h => h.GrownPerIteration.Bytes, QuantityLimits.Bytes),
        Q<HeapBehaviour>("peakHeapBytes", nameof(Descriptions.HeapBehaviour.PeakHeap), "Largest heap size, bytes.", h => h.PeakHeap.Bytes, QuantityLimits.Bytes),
        Q<HeapBehaviour>("touchedFraction", nameof(Descriptions.HeapBehaviour.TouchedFraction), "Fraction of grown bytes written before they are trimmed, in [0, 1].", h => h.TouchedFraction, QuantityLimits.Factor),
    ], v => new HeapBehaviour
    {
        QueriesPerIteration = v.Number(nameof(Descriptions.HeapBehaviour.QueriesPerIteration)), GrowthsPerIteration = v.Number(nameof(Descriptions.HeapBehaviour.GrowthsPerIteration)),
        ShrinksPerIteration = v.Number(nameof(Descriptions.HeapBehaviour.ShrinksPerIteration)), GrownPerIteration = v.Bytes(nameof(Descriptions.HeapBehaviour.GrownPerIteration)),
        PeakHeap = v.Bytes(nameof(Descriptions.HeapBehaviour.PeakHeap)), TouchedFraction = v.Number(nameof(Descriptions.HeapBehaviour.TouchedFraction)),
    });

    /// <summary>One collective call.</summary>
    public static readonly ObjectSchema CollectiveCall = new(typeof(CollectiveCall), "A collective the application calls every iteration.",
    [
        Choice<CollectiveCall, CollectiveKind>("kind", nameof(Descriptions.CollectiveCall.Kind), "allreduce, reduce, broadcast or barrier.", c => c.Kind),
        Q<CollectiveCall>("bytes", nameof(Descriptions.CollectiveCall.Size), "Message size per rank, bytes.", c => c.Size.Bytes, QuantityLimits.Bytes),
        Q<CollectiveCall>("perIteration", nameof(Descriptions.CollectiveCall.PerIteration), "Calls per iteration.", c => c.PerIteration, QuantityLimits.Count),
    ], v => new CollectiveCall(v.Choice<CollectiveKind>(nameof(Descriptions.CollectiveCall.Kind)), v.Bytes(nameof(Descriptions.CollectiveCall.Size)), v.Number(nameof(Descriptions.CollectiveCall.PerIteration))));

    /// <summary>Neighbour exchanges.</summary>
    public static readonly ObjectSchema HaloExchange = new(typeof(HaloExchange), "Nearest-neighbour exchanges of a domain-decomposed code.",
    [
        Q<HaloExchange>("neighbours", nameof(Descriptions.HaloExchange.Neighbours), "Ranks each rank exchanges with (up to 26).", h => h.Neighbours, QuantityLimits.Count),
        Q<HaloExchange>("bytesPerNeighbour", nameof(Descriptions.HaloExchange.PerNeighbour), "Bytes sent to each neighbour per exchange at one node.", h => h.PerNeighbour.Bytes, QuantityLimits.Bytes),
        Q<HaloExchange>("exchangesPerIteration", nameof(Descriptions.HaloExchange.ExchangesPerIteration), "Exchanges per iteration.", h => h.ExchangesPerIteration, QuantityLimits.Count),
    ], v => new HaloExchange
    {
        Neighbours = v.Number(nameof(Descriptions.HaloExchange.Neighbours)), PerNeighbour = v.Bytes(nameof(Descriptions.HaloExchange.PerNeighbour)),
        ExchangesPerIteration = v.Number(nameof(Descriptions.HaloExchange.ExchangesPerIteration)),
    });

    /// <summary>Steady-state system calls.</summary>
    public static readonly ObjectSchema AppSyscalls = new(typeof(AppSyscalls), "System calls the application makes in its steady state.",
    [
        Q<AppSyscalls>("deviceCallsPerInterNodeMessage", nameof(Descriptions.AppSyscalls.DeviceCallsPerInterNodeMessage), "Device-file calls per message that leaves the node.", s => s.DeviceCallsPerInterNodeMessage, QuantityLimits.Count),
        Q<AppSyscalls>("schedYieldsPerIteration", nameof(Descriptions.AppSyscalls.SchedYieldsPerIteration), "sched_yield() calls per iteration.", s => s.SchedYieldsPerIteration, QuantityLimits.Count),
        Q<AppSyscalls>("sharedMemoryFaultsPerIteration", nameof(Descriptions.AppSyscalls.SharedMemoryFaultsPerIteration), "Page faults per iteration on MPI shared memory.", s => s.SharedMemoryFaultsPerIteration, QuantityLimits.Count),
    ], v => new AppSyscalls
    {
        DeviceCallsPerInterNodeMessage = v.Number(nameof(Descriptions.AppSyscalls.DeviceCallsPerInterNodeMessage)),
        SchedYieldsPerIteration = v.Number(nameof(Descriptions.AppSyscalls.SchedYieldsPerIteration)),
        SharedMemoryFaultsPerIteration = v.Number(nameof(Descriptions.AppSyscalls.SharedMemoryFaultsPerIteration)),
    });

    /// <summary>The figure of merit.</summary>
    public static readonly ObjectSchema FigureOfMerit = new(typeof(FigureOfMerit), "How the application reports performance.",
    [
        Text<FigureOfMerit>("name", nameof(Descriptions.FigureOfMerit.Name), "What is counted, e.g. zones/s.", f => f.Name),
        Text<FigureOfMerit>("unit", nameof(Descriptions.FigureOfMerit.Unit), "Unit as the benchmark prints it.", f => f.Unit),
        Q<FigureOfMerit>("workPerRankPerIteration", nameof(Descriptions.FigureOfMerit.WorkPerRankPerIteration), "Work units one rank does per iteration at one node.", f => f.WorkPerRankPerIteration, QuantityLimits.FomFactor),
        Q<FigureOfMerit>("scale", nameof(Descriptions.FigureOfMerit.Scale), "Constant factor of the benchmark's formula.", f => f.Scale, QuantityLimits.FomFactor),
        Bool<FigureOfMerit>("higherIsBetter", nameof(Descriptions.FigureOfMerit.HigherIsBetter), "False for figures of merit that are times.", f => f.HigherIsBetter),
    ], v => new FigureOfMerit
    {
        Name = v.Text(nameof(Descriptions.FigureOfMerit.Name)), Unit = v.Text(nameof(Descriptions.FigureOfMerit.Unit)),
        WorkPerRankPerIteration = v.Number(nameof(Descriptions.FigureOfMerit.WorkPerRankPerIteration)), Scale = v.Number(nameof(Descriptions.FigureOfMerit.Scale)),
        HigherIsBetter = v.Boolean(nameof(Descriptions.FigureOfMerit.HigherIsBetter)),
    });

    /// <summary>An application file (data/apps/*.json).</summary>
    public static readonly ObjectSchema App = new(typeof(AppProfile), "An application's resource behaviour; per-rank quantities are for the one-node run.",
    [
        Text<AppProfile>("name", nameof(AppProfile.Name), "Identifier, e.g. minife.", a => a.Name),
        Text<AppProfile>("displayName", nameof(AppProfile.DisplayName), "Name for tables, e.g. MiniFE.", a => a.DisplayName),
        Choice<AppProfile, ScalingMode>("scaling", nameof(AppProfile.Scaling), "weak or strong.", a => a.Scaling),
        Int<AppProfile>("ranksPerNode", nameof(AppProfile.RanksPerNode), "MPI ranks per node.", a => a.RanksPerNode, QuantityLimits.Whole),
        Int<AppProfile>("threadsPerRank", nameof(AppProfile.ThreadsPerRank), "OpenMP threads per rank.", a => a.ThreadsPerRank, QuantityLimits.Whole),
        new("pointsPerRank", nameof(AppProfile.PointsPerRank), FieldKind.Quantity,
            "Grid points (rows, zones) one rank owns at one node (optional; left out: not checked). A prediction notes when a rank owns fewer than 456, where its one-point halo outnumbers its points.",
            o => ((AppProfile)o).PointsPerRank, optional: true, defaultValue: 0.0, limit: QuantityLimits.Count),
        Q<AppProfile>("iterations", nameof(AppProfile.Iterations), "Timed iterations.", a => a.Iterations, QuantityLimits.Count),
        Q<AppProfile>("computeSecondsPerIteration", nameof(AppProfile.ComputePerIteration), "Core time per rank per iteration that does not wait on memory, seconds.", a => a.ComputePerIteration.Seconds, QuantityLimits.Seconds),
        Q<AppProfile>("memoryBytesPerIteration", nameof(AppProfile.MemoryTrafficPerIteration), "Bytes one rank moves to and from memory per iteration.", a => a.MemoryTrafficPerIteration.Bytes, QuantityLimits.Bytes),
        Q<AppProfile>("footprintBytesPerRank", nameof(AppProfile.FootprintPerRank), "Resident memory of one rank, bytes.", a => a.FootprintPerRank.Bytes, QuantityLimits.Bytes),
        Q<AppProfile>("heapFraction", nameof(AppProfile.HeapFraction), "Share of the footprint on the brk heap, in [0, 1].", a => a.HeapFraction, QuantityLimits.Factor),
        Q<AppProfile>("mappingFraction", nameof(AppProfile.MappingFraction), "Share of the footprint in anonymous mmap() regions, in [0, 1].", a => a.MappingFraction, QuantityLimits.Factor),
        Q<AppProfile>("randomAccessFraction", nameof(AppProfile.RandomAccessFraction), "Share of memory traffic done as independent cache-line accesses, in [0, 1].", a => a.RandomAccessFraction, QuantityLimits.Factor),
        OptionalQ<AppProfile>("cacheBlockedWorkingSetBytes", nameof(AppProfile.CacheBlockedWorkingSet),
            "Working set one rank's cache-blocked loops reuse out of the last-level cache, bytes (optional; left out: 0, none).", a => a.CacheBlockedWorkingSet.Bytes, QuantityLimits.Bytes, 0.0),
        OptionalQ<AppProfile>("cacheBlockedShare", nameof(AppProfile.CacheBlockedShare),
            "Bytes the last-level cache serves per iteration from that working set, per byte of memory traffic (optional; left out: 0).", a => a.CacheBlockedShare, QuantityLimits.Factor, 0.0),
        Object<AppProfile>("heap", nameof(AppProfile.Heap), "brk behaviour.", HeapBehaviour, a => a.Heap),
        Objects<AppProfile>("collectives", nameof(AppProfile.Collectives), "Collectives per iteration.", CollectiveCall, a => a.Collectives),
        Object<AppProfile>("halo", nameof(AppProfile.Halo), "Neighbour exchanges per iteration.", HaloExchange, a => a.Halo),
        Object<AppProfile>("syscalls", nameof(AppProfile.Syscalls), "System calls per iteration.", AppSyscalls, a => a.Syscalls),
        Object<AppProfile>("fom", nameof(AppProfile.Fom), "Figure of merit.", FigureOfMerit, a => a.Fom),
        new("defaultNodes", nameof(AppProfile.DefaultNodes), FieldKind.NodeList, "Node counts the paper ran: {values: [...], source|estimate}.", o => ((AppProfile)o).DefaultNodes,
            limit: NodeCount),
    ], v => new AppProfile
    {
        Name = v.Text(nameof(AppProfile.Name)), DisplayName = v.Text(nameof(AppProfile.DisplayName)), Scaling = v.Choice<ScalingMode>(nameof(AppProfile.Scaling)),
        RanksPerNode = v.Integer(nameof(AppProfile.RanksPerNode)), ThreadsPerRank = v.Integer(nameof(AppProfile.ThreadsPerRank)),
        Iterations = v.Number(nameof(AppProfile.Iterations)), ComputePerIteration = v.Seconds(nameof(AppProfile.ComputePerIteration)),
        MemoryTrafficPerIteration = v.Bytes(nameof(AppProfile.MemoryTrafficPerIteration)), FootprintPerRank = v.Bytes(nameof(AppProfile.FootprintPerRank)),
        HeapFraction = v.Number(nameof(AppProfile.HeapFraction)), MappingFraction = v.Number(nameof(AppProfile.MappingFraction)),
        RandomAccessFraction = v.Number(nameof(AppProfile.RandomAccessFraction)),
        CacheBlockedWorkingSet = v.Bytes(nameof(AppProfile.CacheBlockedWorkingSet)), CacheBlockedShare = v.Number(nameof(AppProfile.CacheBlockedShare)), Heap = v.Object<HeapBehaviour>(nameof(AppProfile.Heap)),
        Collectives = v.Objects<CollectiveCall>(nameof(AppProfile.Collectives)), Halo = v.Object<HaloExchange>(nameof(AppProfile.Halo)),
        Syscalls = v.Object<AppSyscalls>(nameof(AppProfile.Syscalls)), Fom = v.Object<FigureOfMerit>(nameof(AppProfile.Fom)), DefaultNodes = v.Nodes(nameof(AppProfile.DefaultNodes)),
        PointsPerRank = v.Number(nameof(AppProfile.PointsPerRank)),
    });

    /// <summary>The schema of a profile kind's top-level object.</summary>
    public static ObjectSchema Of(ProfileKind kind) => kind switch
    {
        ProfileKind.Platform => Platform,
        ProfileKind.Os => Os,
        ProfileKind.App => App,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a profile kind"),
    };

    /// <summary>
    /// The JSON path of a record property path: <c>JsonPath(Platform, "Kernel.Syscall")</c> = <c>$.kernel.syscallSeconds</c>,
    /// <c>"MemoryTiers[1].Bandwidth"</c> = <c>$.memoryTiers[1].bandwidthBytesPerSecond</c>, <c>"DefaultNodes[2]"</c> =
    /// <c>$.defaultNodes.values[2]</c> (of <see cref="App"/>), <c>"Noise.Sources[0].Rate"</c> = <c>$.noise.sources[0].ratePerSecond</c>
    /// (of <see cref="Os"/>), <c>"Noise.Sources[0].Duration.alpha"</c> (a duration distribution's parameter, by its JSON name)
    /// = <c>$.noise.sources[0].duration.alpha</c>. A name that is not a field (a rule about the object as a whole) gives the
    /// object's path.
    /// </summary>
    /// <param name="root">Schema of the object the property path starts from.</param>
    /// <param name="propertyPath">Record properties joined by dots, with [i] after list properties.</param>
    /// <param name="rootPath">JSON path of that object ("$" for a whole profile).</param>
    public static string JsonPath(ObjectSchema root, string propertyPath, string rootPath = "$") => JsonPath(root, propertyPath, rootPath, default);

    /// <summary>As <see cref="JsonPath(ObjectSchema, string, string)"/>; <paramref name="element"/> (the object in the file, when
    /// known) tells whether a noise source's duration was written as durationSeconds or as a duration object.</summary>
    internal static string JsonPath(ObjectSchema root, string propertyPath, string rootPath, JsonElement element)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(propertyPath);
        var dot = propertyPath.IndexOf('.');
        var head = dot < 0 ? propertyPath : propertyPath[..dot];
        var rest = dot < 0 ? null : propertyPath[(dot + 1)..];
        var index = -1;
        var bracket = head.IndexOf('[');
        if (bracket >= 0)
        {
            _ = int.TryParse(head[(bracket + 1)..^1], out index);
            head = head[..bracket];
        }
        var f = root.ByProperty(head);
        if (f is null) return rootPath;
        if (f.Kind == FieldKind.Duration)
            return rest is not null ? $"{rootPath}.{DurationSchema.DistributionField}.{rest}"
                : element.ValueKind == JsonValueKind.Object && element.TryGetProperty(DurationSchema.DistributionField, out _)
                ? $"{rootPath}.{DurationSchema.DistributionField}" : $"{rootPath}.{DurationSchema.FixedField}";
        var here = f.Kind == FieldKind.NodeList && index >= 0 ? $"{rootPath}.{f.Json}.values[{index}]"
            : index >= 0 ? $"{rootPath}.{f.Json}[{index}]" : $"{rootPath}.{f.Json}";
        return rest is not null && f.Item is not null ? JsonPath(f.Item, rest, here, default) : here;
    }

    /// <summary>The fields of a noise object that a node class's noise has too: the co-scheduling flag and the sources.</summary>
    private static FieldSchema[] NoiseFields() =>
    [
        Bool<NoiseProfile>("coScheduled", nameof(NoiseProfile.CoScheduled), "True when detours hit all cores at the same instant (not amplified).", n => n.CoScheduled),
        Objects<NoiseProfile>("sources", nameof(NoiseProfile.Sources), "The detour sources.", NoiseSource, n => n.Sources),
    ];

    private static FieldSchema Q<T>(string json, string property, string description, Func<T, double> get, QuantityLimit limit) =>
        new(json, property, FieldKind.Quantity, description, o => get((T)o), limit: limit);

    private static FieldSchema Int<T>(string json, string property, string description, Func<T, int> get, QuantityLimit limit) =>
        new(json, property, FieldKind.Integer, description, o => (double)get((T)o), limit: limit);

    /// <summary>A quantity a file may leave out, meaning <paramref name="defaultValue"/> (a value that switches its effect off).</summary>
    private static FieldSchema OptionalQ<T>(string json, string property, string description, Func<T, double> get, QuantityLimit limit, double defaultValue) =>
        new(json, property, FieldKind.Quantity, description, o => get((T)o), limit: limit, optional: true, defaultValue: defaultValue);

    /// <summary>A whole number a file may leave out, meaning <paramref name="defaultValue"/>.</summary>
    private static FieldSchema OptionalInt<T>(string json, string property, string description, Func<T, int> get, QuantityLimit limit, int defaultValue) =>
        new(json, property, FieldKind.Integer, description, o => (double)get((T)o), limit: limit, optional: true, defaultValue: (double)defaultValue);

    /// <summary>A flag a file may leave out, meaning false.</summary>
    private static FieldSchema OptionalBool<T>(string json, string property, string description, Func<T, bool> get) =>
        new(json, property, FieldKind.Boolean, description, o => get((T)o), optional: true, defaultValue: false);

    private static FieldSchema Bool<T>(string json, string property, string description, Func<T, bool> get) => new(json, property, FieldKind.Boolean, description, o => get((T)o));

    private static FieldSchema Text<T>(string json, string property, string description, Func<T, string> get) => new(json, property, FieldKind.Text, description, o => get((T)o));

    private static FieldSchema Choice<T, TEnum>(string json, string property, string description, Func<T, TEnum> get) where TEnum : struct, Enum =>
        new(json, property, FieldKind.Choice, description, o => get((T)o), choices: typeof(TEnum));

    /// <summary>An optional choice among <paramref name="allowed"/> that a file may leave out, meaning <paramref name="defaultValue"/>.</summary>
    private static FieldSchema Choice<T, TEnum>(string json, string property, string description, Func<T, TEnum> get, TEnum[] allowed, TEnum defaultValue) where TEnum : struct, Enum =>
        new(json, property, FieldKind.Choice, description, o => get((T)o), choices: typeof(TEnum), choiceValues: allowed.Cast<Enum>(), optional: true, defaultValue: defaultValue);

    private static FieldSchema Object<T>(string json, string property, string description, ObjectSchema item, Func<T, object> get) =>
        new(json, property, FieldKind.Object, description, o => get((T)o), item);

    private static FieldSchema Objects<T>(string json, string property, string description, ObjectSchema item, Func<T, System.Collections.IEnumerable> get, bool optional = false) =>
        new(json, property, FieldKind.ObjectArray, description, o => get((T)o).Cast<object>().ToArray(), item, optional: optional, defaultValue: optional ? Array.Empty<object>() : null);
}
