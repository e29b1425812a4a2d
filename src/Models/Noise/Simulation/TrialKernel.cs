using PerfModel.Descriptions;

namespace PerfModel.Noise.Simulation;

/// <summary>
/// One Monte Carlo trial (one step) of <see cref="NoiseSimulator"/>: the semantics of each <see cref="SyncShape"/> written
/// out as loops over rank arrays. Immutable after construction and shared by all workers; the mutable state (generator and
/// rank buffer) belongs to the caller, so a trial allocates nothing.
/// </summary>
internal sealed class TrialKernel
{
    private readonly SyncShape sync;
    private readonly int ranks;          // P (None, Barrier) or P' = 2^k (collectives)
    private readonly int rounds;         // k = ⌈log₂ P⌉
    private readonly double work, round; // W, c
    private readonly WindowNoise workNoise, roundNoise;
    private readonly bool coScheduled;

    public TrialKernel(NoiseProfile noise, StepShape shape, int ranks)
    {
        sync = shape.Sync;
        rounds = ranks <= 1 ? 0 : 32 - int.LeadingZeroCount(ranks - 1);
        this.ranks = sync is SyncShape.None or SyncShape.Barrier ? ranks : 1 << rounds;
        work = shape.Work.Seconds;
        round = shape.Round.Seconds;
        coScheduled = noise.CoScheduled;
        workNoise = new WindowNoise(noise, work);
        roundNoise = new WindowNoise(noise, round);
    }

    public int SimulatedRanks => ranks;

    public int Rounds => sync is SyncShape.None or SyncShape.Barrier ? 0 : rounds;

    /// <summary>Doubles of scratch one worker needs.</summary>
    public int BufferLength => sync switch
    {
        SyncShape.AllreduceRecursiveDoubling or SyncShape.TreeReduceBroadcast => ranks,
        SyncShape.DisseminationBarrier => 2 * ranks,
        _ => 0,
    };

    /// <summary>Rank-windows one trial simulates (see <see cref="SimulationResult.RankSteps"/>).</summary>
    public long RankStepsPerTrial => sync switch
    {
        SyncShape.AllreduceRecursiveDoubling or SyncShape.DisseminationBarrier => (long)ranks * (1 + rounds),
        SyncShape.TreeReduceBroadcast => ranks + 2L * (ranks - 1),
        _ => ranks,
    };

    /// <summary>Runs one trial: returns the mean and the maximum over ranks of the completion times T_i.</summary>
    public (double Mean, double Max) Run(ref Xoshiro256StarStar rng, double[] buffer) => sync switch
    {
        SyncShape.None => Independent(ref rng, barrier: false),
        SyncShape.Barrier => Independent(ref rng, barrier: true),
        SyncShape.AllreduceRecursiveDoubling => RecursiveDoubling(ref rng, buffer.AsSpan(0, ranks)),
        SyncShape.DisseminationBarrier => Dissemination(ref rng, buffer.AsSpan(0, ranks), buffer.AsSpan(ranks, ranks)),
        SyncShape.TreeReduceBroadcast => Tree(ref rng, buffer.AsSpan(0, ranks)),
        _ => throw new InvalidOperationException($"unknown sync shape {sync}"),
    };

    /// <summary>None: T_i = Y_i = W + X_i(W). Barrier: T_i = max_j Y_j, so mean and max over ranks are both max_j Y_j.</summary>
    private (double, double) Independent(ref Xoshiro256StarStar rng, bool barrier)
    {
        if (coScheduled)
        {
            var y = work + workNoise.Sample(ref rng);
            return (y, y);
        }
        var sum = 0.0;
        var max = double.NegativeInfinity;
        for (var i = 0; i < ranks; i++)
        {
            var yi = work + workNoise.Sample(ref rng);
            sum += yi;
            if (yi > max) max = yi;
        }
        return (barrier ? max : sum / ranks, max);
    }

    /// <summary>Y_i = W + X_i(W) into <paramref name="t"/> (one shared draw when co-scheduled).</summary>
    private void Arrivals(ref Xoshiro256StarStar rng, Span<double> t)
    {
        var shared = coScheduled ? workNoise.Sample(ref rng) : 0.0;
        for (var i = 0; i < t.Length; i++) t[i] = work + (coScheduled ? shared : workNoise.Sample(ref rng));
    }

    /// <summary>Round r pairs x with x XOR 2^(r−1); both hold max(A_x, A_partner) afterwards (in place, one array).</summary>
    private (double, double) RecursiveDoubling(ref Xoshiro256StarStar rng, Span<double> t)
    {
        Arrivals(ref rng, t);
        for (var r = 1; r <= rounds; r++)
        {
            var d = 1 << (r - 1);
            var shared = coScheduled ? roundNoise.Sample(ref rng) : 0.0;
            for (var block = 0; block < t.Length; block += 2 * d)
                for (var x = block; x < block + d; x++)
                {
                    var a0 = t[x] + round + (coScheduled ? shared : roundNoise.Sample(ref rng));
                    var a1 = t[x + d] + round + (coScheduled ? shared : roundNoise.Sample(ref rng));
                    var m = a0 > a1 ? a0 : a1;
                    t[x] = m;
                    t[x + d] = m;
                }
        }
        return MeanMax(t);
    }

    /// <summary>Round r: A_x = T_x + c + X_{x,r}(c), then T_x = max(A_x, A_{(x − 2^(r−1)) mod P'}).</summary>
    private (double, double) Dissemination(ref Xoshiro256StarStar rng, Span<double> t, Span<double> a)
    {
        Arrivals(ref rng, t);
        var mask = t.Length - 1;
        for (var r = 1; r <= rounds; r++)
        {
            var d = 1 << (r - 1);
            var shared = coScheduled ? roundNoise.Sample(ref rng) : 0.0;
            for (var x = 0; x < t.Length; x++) a[x] = t[x] + round + (coScheduled ? shared : roundNoise.Sample(ref rng));
            for (var x = 0; x < t.Length; x++)
            {
                var own = a[x];
                var other = a[(x - d) & mask];
                t[x] = own > other ? own : other;
            }
        }
        return MeanMax(t);
    }

    /// <summary>
    /// Binomial reduce to rank 0 then binomial broadcast, in place: reduce round r updates only multiples of 2^r from odd
    /// multiples of 2^(r−1); broadcast round r (k down to 1) writes x + 2^(r−1) from x, a multiple of 2^r already final.
    /// </summary>
    private (double, double) Tree(ref Xoshiro256StarStar rng, Span<double> t)
    {
        Arrivals(ref rng, t);
        for (var r = 1; r <= rounds; r++)
        {
            var h = 1 << (r - 1);
            var shared = coScheduled ? roundNoise.Sample(ref rng) : 0.0;
            for (var x = 0; x < t.Length; x += 2 * h)
            {
                var arrival = t[x + h] + round + (coScheduled ? shared : roundNoise.Sample(ref rng));
                if (arrival > t[x]) t[x] = arrival;
            }
        }
        for (var r = rounds; r >= 1; r--)
        {
            var h = 1 << (r - 1);
            var shared = coScheduled ? roundNoise.Sample(ref rng) : 0.0;
            for (var x = 0; x < t.Length; x += 2 * h)
                t[x + h] = t[x] + round + (coScheduled ? shared : roundNoise.Sample(ref rng));
        }
        return MeanMax(t);
    }

    private static (double, double) MeanMax(ReadOnlySpan<double> t)
    {
        var sum = 0.0;
        var max = double.NegativeInfinity;
        foreach (var v in t)
        {
            sum += v;
            if (v > max) max = v;
        }
        return (sum / t.Length, max);
    }
}
