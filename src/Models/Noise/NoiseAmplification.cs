using PerfModel.Profiles;

namespace PerfModel.Noise;

/// <summary>
/// Noise amplification at a synchronisation point: every one of P cores computes for W seconds, then all wait for the
/// slowest. The expected delay is E[max_{i≤P} X_i] = ∫₀^∞ (1 − F_W(x)^P) dx with F_W the compound-Poisson delay
/// distribution of one core over W (<see cref="CompoundPoissonDelay"/>). Co-scheduled noise hits all cores at once, so
/// the delay is E[X] and does not grow with P (facts.md §6.1.1, §6.1.5; Tsafrir et al., ICS'05; Beckman et al., Cluster'06).
/// Cost is independent of P: the distribution is built once and P only enters the closed form.
/// </summary>
public static class NoiseAmplification
{
    /// <summary>Expected delay of the slowest of <paramref name="participants"/> cores over a window of <paramref name="windowSeconds"/>.</summary>
    public static double ExpectedMaxDelaySeconds(NoiseProfile noise, double windowSeconds, double participants)
    {
        var d = CompoundPoissonDelay.Create(noise, windowSeconds, participants);
        return noise.CoScheduled ? d.MeanSeconds : d.ExpectedMaximumSeconds(participants);
    }
}
