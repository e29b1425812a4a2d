namespace PerfModel.Profiles;

/// <summary>Collective operations and the algorithm the model assumes for each (facts.md §6.2).</summary>
public enum CollectiveKind
{
    /// <summary>MPI_Allreduce by recursive doubling: ceil(log2 P) exchange rounds.</summary>
    Allreduce,
    /// <summary>MPI_Reduce along a binomial tree.</summary>
    Reduce,
    /// <summary>MPI_Bcast along a binomial tree.</summary>
    Broadcast,
    /// <summary>MPI_Barrier by dissemination: ceil(log2 P) rounds of zero-byte messages.</summary>
    Barrier,
}
