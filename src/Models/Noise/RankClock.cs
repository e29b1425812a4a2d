namespace PerfModel.Noise;

/// <summary>
/// The law of one rank's clock in a step: a deterministic time τ (its noise-free schedule) plus a delay D ≥ 0 on the grid.
/// It also keeps what the next window's gap needs: the law of the delay before the rank's last window
/// (<see cref="Before"/>: the last window ended nominally at τ + that delay) and the law of that window's charged noise
/// (<see cref="LastWindow"/>, its stretch).
/// </summary>
/// <param name="Tau">τ, seconds.</param>
/// <param name="Delay">The law of D.</param>
/// <param name="LastWindow">The law of the noise charged to the last window.</param>
/// <param name="Before">The law of the delay at the start of the last window.</param>
internal sealed record RankClock(double Tau, GridMeasure Delay, GridMeasure LastWindow, GridMeasure Before)
{
    /// <summary>A clock at τ with no delay and no window behind it.</summary>
    public static RankClock At(NoiseGrid grid, double tau)
    {
        var zero = GridMeasure.Zero(grid);
        return new RankClock(tau, zero, zero, zero);
    }

    /// <summary>E[τ + D].</summary>
    public double Mean => Tau + Delay.Moment;

    /// <summary>The nominal end of the last window: τ plus the delay before it.</summary>
    public RankClock NominalEnd => this with { Delay = Before };

    /// <summary>max(a, b) of independent clocks: τ = max(τ_a, τ_b), D = max((D_a − (τ − τ_a))⁺, (D_b − (τ − τ_b))⁺).</summary>
    public static GridMeasure MaxDelay(RankClock a, RankClock b, out double tau)
    {
        tau = Math.Max(a.Tau, b.Tau);
        return GridMeasure.Max(a.Delay.ShiftDown(tau - a.Tau), b.Delay.ShiftDown(tau - b.Tau));
    }

    /// <summary>The law of a rank drawn from a (weight) or b (1 − weight): the clocks' mixture, on the earlier τ.</summary>
    public static RankClock Mix(double weightA, RankClock a, RankClock b)
    {
        var tau = Math.Min(a.Tau, b.Tau);
        GridMeasure M(GridMeasure x, GridMeasure y, double sx, double sy) =>
            GridMeasure.Mix([weightA, 1 - weightA], [x.Shift(sx), y.Shift(sy)]);
        var (da, db) = (a.Tau - tau, b.Tau - tau);
        return new RankClock(tau, M(a.Delay, b.Delay, da, db), GridMeasure.Mix([weightA, 1 - weightA], [a.LastWindow, b.LastWindow]), M(a.Before, b.Before, da, db));
    }

    /// <summary>The law of a rank drawn from the clocks with the given weights (summing to 1; zero weights skipped): their
    /// mixture, folded pairwise by <see cref="Mix(double, RankClock, RankClock)"/>; a single clock of weight 1 is returned as it is.</summary>
    public static RankClock Mix(IReadOnlyList<double> weights, IReadOnlyList<RankClock> clocks)
    {
        RankClock? acc = null;
        var sum = 0.0;
        for (var i = 0; i < clocks.Count; i++)
        {
            var w = weights[i];
            if (w <= 0) continue;
            acc = acc is null ? clocks[i] : Mix(sum / (sum + w), acc, clocks[i]);
            sum += w;
        }
        return acc ?? throw new ArgumentException("no clock has a positive weight", nameof(weights));
    }
}
