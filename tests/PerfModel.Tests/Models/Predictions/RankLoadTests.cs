using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Predictions;
using PerfModel.Syscalls;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Predictions;

/// <summary>Strong scaling of a rank's per-iteration load: volume terms as 1/N, surface terms (halo bytes, MPI
/// shared-memory faults) as N^(−2/3), counts of waits and calls unscaled.</summary>
public sealed class RankLoadTests
{
    private static readonly AppProfile StrongStencil = Stencil with { Name = "stencil-strong", Scaling = ScalingMode.Strong };

    private static RankLoad Load(AppProfile app, int nodes) => RankLoad.Of(new Scenario(Knl, LinuxLike, app, nodes));

    [Theory]
    // Cube node counts: a rank's cubic subdomain has edge 1/N^(1/3) of the one-node edge, so a face has 1/N^(2/3) of the
    // one-node face: 1/4, 1/9, 1/16, 1/100 of it.
    [InlineData(8, 4.0)]
    [InlineData(27, 9.0)]
    [InlineData(64, 16.0)]
    [InlineData(1000, 100.0)]
    public void SharedMemoryFaultsShrinkWithTheHaloSurfaceAndYieldsStay(int nodes, double faceShrink)
    {
        var one = Stencil.Syscalls;
        var load = Load(StrongStencil, nodes);
        // 1e-14 relative: Math.Pow(N, −2/3) for a perfect cube differs from 1/N^(2/3) by a few ulps (2/3 is not exact).
        Assert.Equal(one.SharedMemoryFaultsPerIteration / faceShrink, load.Syscalls.SharedMemoryFaultsPerIteration, one.SharedMemoryFaultsPerIteration / faceShrink * 1e-14);
        // The faults scale exactly as the halo bytes do: both are surface terms.
        Assert.Equal(load.SurfaceFactor * one.SharedMemoryFaultsPerIteration, load.Syscalls.SharedMemoryFaultsPerIteration);
        // sched_yield() calls follow the time spent waiting for halo data, a surface term too (exact, same product);
        // device calls are per message (the messages are counted by the communication model), unscaled.
        Assert.Equal(load.SurfaceFactor * one.SchedYieldsPerIteration, load.Syscalls.SchedYieldsPerIteration);
        Assert.Equal(one.DeviceCallsPerInterNodeMessage, load.Syscalls.DeviceCallsPerInterNodeMessage);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(2048)]
    public void WeakScalingScalesNothing(int nodes)
    {
        // Weak scaling keeps every rank's subdomain: both factors are 1 and the profile's values pass through bit for bit.
        var load = Load(Stencil, nodes);
        Assert.Equal(Stencil.Syscalls, load.Syscalls);
        Assert.Equal(Stencil.Heap, load.Heap);
        Assert.Equal(Stencil.FootprintPerRank, load.Footprint);
    }

    [Fact]
    public void OneNodeIsTheProfile()
    {
        // The profile's per-rank quantities are for the one-node run: N = 1 gives factors 1^(−1) = 1^(−2/3) = 1 exactly.
        var load = Load(StrongStencil, 1);
        Assert.Equal(StrongStencil.Syscalls, load.Syscalls);
        Assert.Equal(StrongStencil.Heap, load.Heap);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(1024)]
    public void HeapBytesScaleWithTheVolumeAndCallCountsStay(int nodes)
    {
        // The heap holds a share of the rank's data: grown bytes and peak shrink as 1/N like the footprint. brk() calls
        // happen once per temporary whatever its size, so queries, growths and shrinks per iteration stay.
        var load = Load(StrongStencil, nodes);
        var heap = StrongStencil.Heap;
        // 1e-15 relative: one multiplication by the rounded 1/N.
        Assert.Equal(heap.GrownPerIteration.Bytes / nodes, load.Heap.GrownPerIteration.Bytes, heap.GrownPerIteration.Bytes / nodes * 1e-15);
        Assert.Equal(heap.PeakHeap.Bytes / nodes, load.Heap.PeakHeap.Bytes, heap.PeakHeap.Bytes / nodes * 1e-15);
        Assert.Equal(StrongStencil.FootprintPerRank.Bytes / nodes, load.Footprint.Bytes, StrongStencil.FootprintPerRank.Bytes / nodes * 1e-15);
        Assert.Equal((heap.QueriesPerIteration, heap.GrowthsPerIteration, heap.ShrinksPerIteration),
            (load.Heap.QueriesPerIteration, load.Heap.GrowthsPerIteration, load.Heap.ShrinksPerIteration));
    }

    [Fact]
    public void TheHeapModelChargesTheScaledSharedMemoryFaults()
    {
        // Strong scaling to 8 nodes: the rank's MPI shared-memory faults fall from 5 to 5/4 per iteration (one face is a
        // quarter of the one-node face). The heap term counts exactly that many more faults than the same profile without them.
        var without = StrongStencil with { Syscalls = StrongStencil.Syscalls with { SharedMemoryFaultsPerIteration = 0 } };
        var with8 = Predictor.Default.Predict(Knl, LinuxLike, StrongStencil, 8).Term<HeapTerm>().FaultsPerIteration;
        var without8 = Predictor.Default.Predict(Knl, LinuxLike, without, 8).Term<HeapTerm>().FaultsPerIteration;
        // 1e-12 absolute on counts of order 10: a difference of two sums of a few rounded terms.
        Assert.Equal(5.0 / 4, with8 - without8, 1e-12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(1000)]
    public void TheSyscallModelChargesYieldsThatShrinkWithTheSurface(int nodes)
    {
        // Without device calls the system-call term is n_yield · N^(−2/3) · c_yield: 10 yields of 0.5 µs = 5 µs per
        // iteration at one node, 5 µs / N^(2/3) at N nodes (N = 64: 16 faces shrink, 1000: 100).
        var app = StrongStencil with { Syscalls = StrongStencil.Syscalls with { DeviceCallsPerInterNodeMessage = 0 } };
        var term = Predictor.Default.Predict(Knl, LinuxLike, app, nodes).Term<SyscallTerm>();
        // 1e-18 s absolute: a few products of doubles, ~1 ulp of 5e-6.
        Assert.Equal(10 * 0.5e-6 * Math.Pow(nodes, -2.0 / 3), term.PerIteration.Seconds, 1e-18);
    }
}
