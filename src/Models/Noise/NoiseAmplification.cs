using PerfModel.Profiles;

namespace PerfModel.Noise;

/// <summary>
/// Noise amplification at a synchronisation point: every one of P cores computes for W seconds, then all wait for the
/// slowest. The expected delay is E[max_{i≤P} X_i(W)] = ∫₀^∞ (1 − F_W(x)^P) dx with F_W the compound-Poisson law of one
/// core's detours over W (<see cref="NoiseClosedForm"/>, barrier shape). Co-scheduled noise hits all cores at once, so the
/// delay is E[X] and does not grow with P (facts.md §6.1.1, §6.1.5; Tsafrir et al., ICS'05; Beckman et al., Cluster'06).
/// </summary>
public static class NoiseAmplification
{
    /// <summary>Expected delay of the slowest of <paramref name="participants"/> cores over <paramref name="windowSeconds"/>.</summary>
    public static double ExpectedMaxDelaySeconds(NoiseProfile noise, double windowSeconds, double participants, ClosedFormOptions? options = null)
    {
        if (CompoundPoissonLattice.Active(noise).Length == 0 || windowSeconds == 0)
        {
            if (!(participants >= 1) || double.IsInfinity(participants))
                throw new ArgumentOutOfRangeException(nameof(participants), participants, $"participants={participants}, but it should be >= 1");
            return 0;
        }
        var r = NoiseClosedForm.Evaluate(noise, new StepShape(windowSeconds, SyncShape.Barrier, 0), participants, options);
        return Math.Max(0, r.MeanStepSeconds - windowSeconds);
    }
}
