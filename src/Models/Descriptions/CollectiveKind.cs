namespace PerfModel.Descriptions;

/// <summary>Collective operations and the algorithm the model assumes for each (Thakur, Rabenseifner, Gropp, "Optimization
/// of collective communication operations in MPICH", IJHPCA 19(1), 2005, doi:10.1177/1094342005051521).</summary>
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
