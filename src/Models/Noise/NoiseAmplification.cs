using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>
/// Noise amplification at a synchronisation point: every one of P cores computes for W, then all wait for the slowest.
/// The expected delay is E[max_{i≤P} X_i(W)] = ∫₀^∞ (1 − F_W(x)^P) dx with F_W the compound-Poisson law of one core's
/// detours over W (<see cref="NoiseClosedForm"/>, barrier shape). Co-scheduled noise hits all cores at once, so the delay
/// is E[X] and does not grow with P (Tsafrir et al., "System noise, OS clock ticks, and fine-grained parallel
/// applications", ICS 2005, doi:10.1145/1088149.1088195; Beckman et al., Cluster 2006, doi:10.1109/CLUSTR.2006.311846).
/// </summary>
public static class NoiseAmplification
{
    /// <summary>Expected delay of the slowest of <paramref name="participants"/> cores over a window of <paramref name="window"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="participants"/> is not a finite number ≥ 1, or the window is negative.</exception>
    public static TimeInterval ExpectedMaxDelay(NoiseProfile noise, TimeInterval window, double participants, ClosedFormOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(noise);
        if (!(participants >= 1) || double.IsInfinity(participants))
            throw new ArgumentOutOfRangeException(nameof(participants), participants, $"participants={participants}, but it should be >= 1");
        if (CompoundPoissonLattice.Active(noise).Length == 0 || window.Seconds == 0) return TimeInterval.Zero;
        var r = NoiseClosedForm.Evaluate(noise, new StepShape(window, SyncShape.Barrier, TimeInterval.Zero), participants, options);
        return TimeInterval.FromSeconds(Math.Max(0, r.MeanStep.Seconds - window.Seconds));
    }
}
