namespace PerfModel.Noise;

/// <summary>
/// How the ranks synchronise at the end of one step (the noise-free cost of one round is <see cref="StepShape.Round"/>).
/// With P ranks, k = ⌈log₂ P⌉ rounds. Y_i = W + X_i(W) is rank i's arrival after the work phase, X_i(w) its noise delay over a
/// window of w seconds, c the round time; X_{x,r}(c) is fresh independent noise per rank and round.
/// </summary>
public enum SyncShape
{
    /// <summary>No synchronisation: T_i = Y_i.</summary>
    None,

    /// <summary>Ideal zero-cost global synchronisation: T_i = max_j Y_j for every rank.</summary>
    Barrier,

    /// <summary>Recursive-doubling allreduce over P' = 2^k ranks: A_x = T_{x,r−1} + c + X_{x,r}(c),
    /// T_{x,r} = max(A_x, A_{x XOR 2^(r−1)}) for r = 1..k; T_i = T_{i,k}.</summary>
    AllreduceRecursiveDoubling,

    /// <summary>Binomial-tree reduce to rank 0 then binomial-tree broadcast over P' = 2^k ranks. Reduce, r = 1..k: for x with
    /// x mod 2^r = 0 and s = x + 2^(r−1), T_{x,r} = max(T_{x,r−1}, T_{s,r−1} + c + X_{s,r}(c)). Broadcast, r = k..1: B_0 = T_{0,k},
    /// B_{x+2^(r−1)} = B_x + c + X′_{x,r}(c) (noise on the sender). T_i = B_i; rank i makes popcount(i) broadcast hops.</summary>
    TreeReduceBroadcast,

    /// <summary>Dissemination barrier over P' = 2^k ranks: as <see cref="AllreduceRecursiveDoubling"/> but with partner
    /// (x − 2^(r−1)) mod P': T_{x,r} = max(A_x, A_{(x − 2^(r−1)) mod P'}).</summary>
    DisseminationBarrier,
}
