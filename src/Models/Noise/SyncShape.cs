namespace PerfModel.Noise;

/// <summary>How the ranks synchronise at the end of a step (semantics in <see cref="NoiseClosedForm"/>).</summary>
public enum SyncShape { None, Barrier, AllreduceRecursiveDoubling, TreeReduceBroadcast, DisseminationBarrier }
