using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Communication;
using PerfModel.Memory;
using PerfModel.Noise;
using PerfModel.Profiles;

namespace PerfModel.Predictions;

/// <summary>
/// Combines the closed-form models into a runtime and figure of merit for one (platform, OS, application, nodes).
/// Per rank and iteration, with strong scaling dividing volume terms by N and surface terms by N^(2/3):
/// <code>
///   W      = compute + memory (placement) + TLB + heap (brk/faults) + syscalls (device calls, offload queued on the OS cores, sched_yield)
///   comm   = Σ collectives (LogGP, log2 P rounds) + Σ halo exchanges (LogGP, node-port contention)
///   noise  = Σ_sync E[max over the participating cores of the detour delay over (W / #syncs + duration of that sync)]
///   T_iter = W + comm + noise,   runtime = iterations × T_iter
///   FOM    = scale × work per rank × ranks doing it × iterations / runtime   (strong scaling: the one-node work)
/// </code>
/// Each collective is a global synchronisation of every core (ranks × threads); each halo exchange synchronises a rank with
/// its neighbours ((n+1) × threads cores). Pure and thread-safe; no I/O.
/// </summary>
public static class Predictor
{
    /// <summary>Predicts <paramref name="app"/> on <paramref name="os"/> at <paramref name="nodes"/> nodes of <paramref name="platform"/>.</summary>
    /// <exception cref="ProfileValidationException">A profile breaks a rule (profiles built in code are validated too).</exception>
    public static Prediction Predict(Platform platform, OsProfile os, AppProfile app, int nodes)
    {
        if (nodes < 1) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, $"nodes={nodes}, but it should be >= 1");
        var errors = platform.Validate("platform").Concat(os.Validate("os")).Concat(app.Validate("app", platform)).ToArray();
        if (errors.Length > 0) throw new ProfileValidationException(errors);

        var strong = app.Scaling == ScalingMode.Strong;
        var volume = strong ? 1.0 / nodes : 1.0;
        var surface = strong ? Math.Pow(nodes, -2.0 / 3.0) : 1.0;
        var r = app.RanksPerNode;
        var ranks = (long)r * nodes;
        var cores = ranks * app.ThreadsPerRank;
        if (ranks > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, $"nodes={nodes} gives {ranks} ranks, more than this model handles ({int.MaxValue})");

        var compute = app.ComputeSecondsPerIteration * volume;
        var bytes = app.MemoryBytesPerIteration * volume;
        var footprint = app.FootprintBytesPerRank * volume;
        var heap = app.Heap with
        {
            GrownBytesPerIteration = app.Heap.GrownBytesPerIteration * volume,
            PeakHeapBytes = app.Heap.PeakHeapBytes * volume,
        };

        var meanGrowth = heap.GrowthsPerIteration > 0 ? heap.GrownBytesPerIteration / heap.GrowthsPerIteration : 0;
        var mix = PageMix.Of(os, app, footprint, meanGrowth);
        var placement = PlacementModel.Evaluate(platform, os.Placement, footprint, bytes, r, PageMix.MappingGranule(os, footprint * app.MappingFraction));
        var tlb = TlbModel.Evaluate(platform, mix, app.RandomAccessFraction * bytes / TlbModel.CacheLineBytes, (1 - app.RandomAccessFraction) * bytes);
        var heapResult = HeapModel.Evaluate(platform, os, heap, app.Syscalls, app.Iterations, r, placement.EffectiveBandwidthBytesPerSecond);

        var net = new LogGpCommunication(platform.Network);
        var offNode = HaloTopology.OffNodeFraction(nodes, r);
        var haloSeconds = net.HaloSeconds(app.Halo, app.Halo.BytesPerNeighbour * surface, offNode, r);
        var collectives = app.Collectives.IsDefault ? ImmutableArray<CollectiveCall>.Empty : app.Collectives;
        var comm = app.Halo.ExchangesPerIteration * haloSeconds;
        var interNodeMessages = app.Halo.ExchangesPerIteration * app.Halo.Neighbours * offNode;
        foreach (var c in collectives)
        {
            comm += c.PerIteration * net.CollectiveSeconds(c.Kind, c.Bytes, (int)ranks, r);
            interNodeMessages += c.PerIteration * LogGpCommunication.InterNodeMessagesPerCollective((int)ranks, r);
        }

        var k = platform.Kernel;
        var deviceCall = k.SyscallSeconds + (os.Syscalls.DeviceCallsOffloaded ? OffloadSeconds(os.Syscalls.OffloadLatencySeconds, r, platform.OsCoresPerNode) : 0);
        var syscall = interNodeMessages * app.Syscalls.DeviceCallsPerInterNodeMessage * deviceCall
                      + app.Syscalls.SchedYieldsPerIteration * (os.Syscalls.SchedYieldIgnored ? 0 : k.SchedYieldSeconds);

        var work = compute + placement.SecondsPerIteration + tlb.SecondsPerIteration + heapResult.SecondsPerIteration + syscall;
        var (noise, noiseVariance) = NoisePerIteration(os.Noise, app, collectives, net, work, haloSeconds, (int)ranks, cores);

        var perIteration = new Breakdown(compute, placement.SecondsPerIteration, tlb.SecondsPerIteration, heapResult.SecondsPerIteration, noise, comm, syscall);
        var breakdown = perIteration.Scale(app.Iterations);
        var runtime = breakdown.TotalSeconds;
        var workers = strong ? r : ranks;
        var fom = app.Fom.HigherIsBetter
            ? app.Fom.Scale * app.Fom.WorkPerRankPerIteration * workers * app.Iterations / runtime
            : app.Fom.Scale * runtime;

        var notes = ImmutableArray.CreateBuilder<string>();
        if (nodes > platform.MachineNodes)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{nodes} nodes exceeds the {platform.MachineNodes} nodes of {platform.Name}: extrapolation"));
        var diagnostics = ImmutableSortedDictionary.CreateRange(new Dictionary<string, double>
        {
            ["hbmFraction"] = placement.HbmFraction,
            ["effectiveBandwidthBytesPerSecondPerRank"] = placement.EffectiveBandwidthBytesPerSecond,
            ["tlbWalksPerIteration"] = tlb.L2MissesPerIteration,
            ["heapFaultsPerIteration"] = heapResult.FaultsPerIteration,
            ["heapZeroingSecondsPerIteration"] = heapResult.ZeroingSeconds,
            ["offNodeFraction"] = offNode,
            ["interNodeMessagesPerIteration"] = interNodeMessages,
            ["workSecondsPerIteration"] = work,
            ["iterationSeconds"] = perIteration.TotalSeconds,
            ["runtimeStdDevSeconds"] = Math.Sqrt(app.Iterations * noiseVariance),
        });
        var regimes = ImmutableSortedDictionary.CreateRange(new Dictionary<string, string>
        {
            ["placement"] = placement.Regime,
            ["tlb"] = tlb.Regime,
        });
        return new Prediction(app.Name, os.Name, nodes, cores, ranks, runtime, fom, app.Fom.Unit, app.Fom.HigherIsBetter, breakdown, diagnostics, regimes, notes.ToImmutable());
    }

    /// <summary>
    /// Mean time of one offloaded call when all R ranks of a node offload together (bulk-synchronous codes do) and the
    /// node's c OS cores serve them: a batch of R requests on c servers, each taking the offload latency, makes the
    /// average request wait for half the batch ahead of it: t = L_off · (1 + (R/c − 1)/2) for R &gt; c, else L_off.
    /// </summary>
    public static double OffloadSeconds(double latencySeconds, int ranksPerNode, int osCores)
    {
        var perServer = osCores > 0 ? (double)ranksPerNode / osCores : ranksPerNode;
        return latencySeconds * (perServer > 1 ? 1 + (perServer - 1) / 2 : 1);
    }

    /// <summary>Noise delay of one iteration: the work W is split evenly between the synchronisation points. Each collective
    /// is a bulk-synchronous step of W/#syncs followed by its algorithm's ceil(log2 cores) rounds (recursive doubling for
    /// allreduce, binomial tree for reduce and broadcast, dissemination for barrier; round time = LogGP time / rounds), and
    /// each halo exchange an ideal barrier of the rank's neighbourhood ((n+1) × threads cores). The delay is the closed
    /// form's E[step] minus the noise-free step (<see cref="NoiseClosedForm"/>). With no synchronisation point the
    /// iteration ends with one global barrier.</summary>
    private static (double Delay, double Variance) NoisePerIteration(NoiseProfile noise, AppProfile app, ImmutableArray<CollectiveCall> collectives,
        LogGpCommunication net, double work, double haloSeconds, int ranks, long cores)
    {
        if (CompoundPoissonLattice.Active(noise).Length == 0) return (0, 0);
        var options = ClosedFormOptions.Fast;
        var variance = 0.0;
        double Delay(StepShape shape, double participants, double perIteration = 1)
        {
            var r = NoiseClosedForm.Evaluate(noise, shape, participants, options);
            variance += perIteration * r.StepVarianceSeconds2;
            return Math.Max(0, r.DelaySeconds);
        }
        var syncs = collectives.Sum(c => c.PerIteration) + app.Halo.ExchangesPerIteration;
        if (syncs <= 0) return (Delay(new StepShape(work, SyncShape.Barrier, 0), cores), variance);
        var segment = work / syncs;
        var total = 0.0;
        var k = NoiseClosedForm.Rounds(cores);
        foreach (var c in collectives.Where(c => c.PerIteration > 0))
        {
            var seconds = net.CollectiveSeconds(c.Kind, c.Bytes, ranks, app.RanksPerNode);
            var shape = c.Kind switch
            {
                CollectiveKind.Allreduce => SyncShape.AllreduceRecursiveDoubling,
                CollectiveKind.Barrier => SyncShape.DisseminationBarrier,
                _ => SyncShape.TreeReduceBroadcast,
            };
            total += c.PerIteration * Delay(k == 0 ? new StepShape(segment + seconds, SyncShape.None, 0) : new StepShape(segment, shape, seconds / k), cores, c.PerIteration);
        }
        if (app.Halo.ExchangesPerIteration > 0)
        {
            var local = Math.Min(cores, (long)Math.Ceiling(app.Halo.Neighbours + 1) * app.ThreadsPerRank);
            total += app.Halo.ExchangesPerIteration * Delay(new StepShape(segment + haloSeconds, SyncShape.Barrier, 0), local, app.Halo.ExchangesPerIteration);
        }
        return (total, variance);
    }
}
