using PerfModel.Descriptions;
using PerfModel.Noise;

namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>
/// An independent reference for the wall-clock simulator, sharing no code with it: every rank runs its own MPI program,
/// written from MPICH's algorithms (recursive doubling with the non-power-of-two pre and post step, binomial reduce then
/// binomial broadcast from rank 0, dissemination barrier) as a list of blocking operations, interpreted by a generic
/// message-passing loop (FIFO channels per ordered pair, a rank blocks on a receive until the message is in; an ideal
/// barrier releases every rank at the latest arrival). Every CPU operation (compute W, each send and receive overhead o)
/// is charged by LogGOPSim's stateless rule (<see cref="WallClockReference.Charge"/>) against explicit lists of the rank's
/// detours, generated from the noise profile's definition by brute force: Poisson arrivals from far before t = 0 (so the
/// timeline is stationary at 0 without any equilibrium formula), periodic ticks from a uniform phase, a trace from a
/// uniform offset; with a cold start only detours starting at or after 0 exist. A message leaves at the end of its send
/// window and arrives c − 2o later.
/// </summary>
public static class ScheduleReference
{
    private enum Kind { Compute, Send, Recv, Barrier }

    private readonly record struct Op(Kind Kind, int Peer);

    /// <summary>A rank's detours, sorted by start, with the longest duration (to find the ones that can reach t).</summary>
    public sealed class Detours(double[] starts, double[] durations)
    {
        public static readonly Detours None = new([], []);
        private readonly double longest = durations.Length == 0 ? 0 : durations.Max();

        /// <summary>LogGOPSim's charge of the window [t, t + length): remainders at t plus full durations of starts inside.</summary>
        public double Charge(double t, double length)
        {
            var lo = 0;
            var hi = starts.Length;
            var from = t - longest;
            while (lo < hi)
            {
                var mid = (lo + hi) >> 1;
                if (starts[mid] < from) lo = mid + 1; else hi = mid;
            }
            var charge = 0.0;
            for (var i = lo; i < starts.Length && starts[i] < t + length; i++)
            {
                if (starts[i] < t) charge += Math.Max(0, starts[i] + durations[i] - t);
                else charge += durations[i];
            }
            return charge;
        }

        /// <summary>The end of the period covered (detours exist up to here).</summary>
        public double Horizon { get; init; } = double.PositiveInfinity;
    }

    /// <summary>The collective part of one step for every rank (MPICH's algorithms, root 0).</summary>
    private static List<Op>[] Collective(SyncShape sync, int p)
    {
        var ops = Enumerable.Range(0, p).Select(_ => new List<Op>()).ToArray();
        switch (sync)
        {
            case SyncShape.Barrier:
                foreach (var o in ops) o.Add(new Op(Kind.Barrier, -1));
                break;
            case SyncShape.AllreduceRecursiveDoubling:
            {
                var pof2 = 1;
                while (pof2 * 2 <= p) pof2 *= 2;
                var rem = p - pof2;
                for (var x = 0; x < p; x++)
                {
                    int newRank;
                    if (x < 2 * rem)
                    {
                        if (x % 2 == 0)
                        {
                            ops[x].Add(new Op(Kind.Send, x + 1));
                            ops[x].Add(new Op(Kind.Recv, x + 1));
                            continue;
                        }
                        ops[x].Add(new Op(Kind.Recv, x - 1));
                        newRank = x / 2;
                    }
                    else newRank = x - rem;
                    for (var mask = 1; mask < pof2; mask <<= 1)
                    {
                        var newDst = newRank ^ mask;
                        var dst = newDst < rem ? newDst * 2 + 1 : newDst + rem;
                        ops[x].Add(new Op(Kind.Send, dst));
                        ops[x].Add(new Op(Kind.Recv, dst));
                    }
                    if (x < 2 * rem) ops[x].Add(new Op(Kind.Send, x - 1));
                }
                break;
            }
            case SyncShape.TreeReduceBroadcast:
                for (var x = 0; x < p; x++)
                {
                    for (var mask = 1; mask < p; mask <<= 1)
                    {
                        if ((x & mask) == 0)
                        {
                            if ((x | mask) < p) ops[x].Add(new Op(Kind.Recv, x | mask));
                        }
                        else
                        {
                            ops[x].Add(new Op(Kind.Send, x & ~mask));
                            break;
                        }
                    }
                    var m = 1;
                    while (m < p)
                    {
                        if ((x & m) != 0)
                        {
                            ops[x].Add(new Op(Kind.Recv, x - m));
                            break;
                        }
                        m <<= 1;
                    }
                    for (m >>= 1; m > 0; m >>= 1)
                        if (x + m < p) ops[x].Add(new Op(Kind.Send, x + m));
                }
                break;
            case SyncShape.DisseminationBarrier:
                for (var x = 0; x < p; x++)
                    for (var d = 1; d < p; d <<= 1)
                    {
                        ops[x].Add(new Op(Kind.Send, (x + d) % p));
                        ops[x].Add(new Op(Kind.Recv, ((x - d) % p + p) % p));
                    }
                break;
        }
        return ops;
    }

    /// <summary>C[i][n − 1]: when rank i leaves step n (its last CPU operation of the step ends), every rank starting at 0.</summary>
    public static double[][] Run(SyncShape sync, int p, int steps, double work, double overhead, double wire, Detours[] detours)
    {
        var step = Collective(sync, p);
        var programs = new List<Op>[p];
        var stepEnds = new List<int>[p];   // index of the last op of each step
        for (var x = 0; x < p; x++)
        {
            programs[x] = [];
            stepEnds[x] = [];
            for (var n = 0; n < steps; n++)
            {
                programs[x].Add(new Op(Kind.Compute, -1));
                programs[x].AddRange(step[x]);
                stepEnds[x].Add(programs[x].Count - 1);
            }
        }
        var clock = new double[p];
        var pc = new int[p];
        var completion = Enumerable.Range(0, p).Select(_ => new double[steps]).ToArray();
        var channels = new Dictionary<(int, int), Queue<double>>();
        Queue<double> Channel(int from, int to) => channels.TryGetValue((from, to), out var q) ? q : channels[(from, to)] = new Queue<double>();
        double Cpu(int x, double start, double length)
        {
            var end = start + length + detours[x].Charge(start, length);
            Assert.True(end < detours[x].Horizon, $"rank {x} ran past its detour list ({end} s)");
            return end;
        }
        void Retire(int x)
        {
            var n = stepEnds[x].IndexOf(pc[x]);
            if (n >= 0) completion[x][n] = clock[x];
            pc[x]++;
        }

        var waiting = new bool[p];
        var waitingCount = 0;
        var done = 0;
        while (done < p)
        {
            var progress = false;
            for (var x = 0; x < p; x++)
            {
                while (pc[x] < programs[x].Count)
                {
                    var op = programs[x][pc[x]];
                    if (op.Kind == Kind.Compute) clock[x] = Cpu(x, clock[x], work);
                    else if (op.Kind == Kind.Send)
                    {
                        clock[x] = Cpu(x, clock[x], overhead);
                        Channel(x, op.Peer).Enqueue(clock[x] + wire);
                    }
                    else if (op.Kind == Kind.Recv)
                    {
                        var q = Channel(op.Peer, x);
                        if (q.Count == 0) break;
                        clock[x] = Cpu(x, Math.Max(clock[x], q.Dequeue()), overhead);
                    }
                    else
                    {
                        // Ideal barrier: released when every rank stands at it (all have the same program).
                        if (!waiting[x])
                        {
                            waiting[x] = true;
                            waitingCount++;
                            progress = true;
                        }
                        if (waitingCount < p) break;
                        var last = clock.Max();
                        for (var y = 0; y < p; y++)
                        {
                            clock[y] = last;
                            waiting[y] = false;
                            Retire(y);
                            if (pc[y] == programs[y].Count) done++;
                        }
                        waitingCount = 0;
                        continue;
                    }
                    Retire(x);
                    progress = true;
                    if (pc[x] == programs[x].Count) done++;
                }
            }
            Assert.True(progress || done == p, "the reference programs deadlocked");
        }
        return completion;
    }

    /// <summary>Step statistics of a run: per step n, mean_i C_i(n) − mean_i C_i(n − 1) and max_i C_i(n) − max_i C_i(n − 1),
    /// with the means over ranks summed in rank order (as the simulator sums them).</summary>
    public static (double[] Mean, double[] Slowest) Steps(double[][] completion)
    {
        var p = completion.Length;
        var steps = completion[0].Length;
        var mean = new double[steps];
        var slowest = new double[steps];
        double prevMean = 0, prevMax = 0;
        for (var n = 0; n < steps; n++)
        {
            var sum = 0.0;
            var max = double.NegativeInfinity;
            for (var x = 0; x < p; x++)
            {
                sum += completion[x][n];
                max = Math.Max(max, completion[x][n]);
            }
            var m = sum / p;
            mean[n] = m - prevMean;
            slowest[n] = max - prevMax;
            (prevMean, prevMax) = (m, max);
        }
        return (mean, slowest);
    }

    /// <summary>One trial's detour lists for all ranks over [0, <paramref name="horizon"/>): node classes drawn per node
    /// (<paramref name="ranksPerNode"/> consecutive ranks), one shared list per co-scheduled population.</summary>
    public static Detours[] Draw(NoiseProfile noise, int p, int ranksPerNode, double horizon, bool warm, Random rng)
    {
        var populations = new[] { noise }.Concat(noise.NodeClasses.Select(c => c.Noise)).ToArray();
        var shared = new Detours?[populations.Length];
        var lists = new Detours[p];
        var population = 0;
        for (var x = 0; x < p; x++)
        {
            if (x % ranksPerNode == 0)
            {
                var u = rng.NextDouble();
                population = 0;
                var acc = 0.0;
                for (var c = 0; c < noise.NodeClasses.Length; c++)
                    if (u < (acc += noise.NodeClasses[c].Share)) { population = c + 1; break; }
            }
            var profile = populations[population];
            lists[x] = profile.CoScheduled
                ? shared[population] ??= DrawOne(profile, horizon, warm, rng)
                : DrawOne(profile, horizon, warm, rng);
        }
        return lists;
    }

    private static Detours DrawOne(NoiseProfile profile, double horizon, bool warm, Random rng)
    {
        var all = new List<(double Start, double Duration)>();
        foreach (var s in profile.Sources.Where(s => s.Rate.PerSecond > 0))
        {
            var rate = s.Rate.PerSecond;
            switch (s.Arrival)
            {
                case NoiseArrival.Poisson:
                {
                    // Start far enough back that a detour from before cannot reach 0 (probability < 1e-12).
                    var t = warm ? -s.Duration.Quantile(1 - 1e-12) - 1 / rate : 0;
                    while (true)
                    {
                        t += -Math.Log(1 - rng.NextDouble()) / rate;
                        if (t >= horizon) break;
                        var d = s.Duration.Quantile(rng.NextDouble());
                        if (warm || t >= 0) all.Add((t, d));
                    }
                    break;
                }
                case NoiseArrival.Periodic:
                {
                    var period = 1 / rate;
                    var phase = rng.NextDouble() * period;
                    for (var k = -1; phase + k * period < horizon; k++)
                    {
                        var d = s.Duration.Quantile(rng.NextDouble());
                        if (k >= 0 || warm) all.Add((phase + k * period, d));
                    }
                    break;
                }
                case NoiseArrival.Trace:
                {
                    var trace = s.Trace!;
                    var length = trace.Length.Seconds;
                    var offset = rng.NextDouble() * length;
                    for (var k = -1; k * length - offset < horizon; k++)
                        for (var i = 0; i < trace.Count; i++)
                        {
                            var start = trace.StartSeconds[i] - offset + k * length;
                            if (start < horizon && (start >= 0 || warm)) all.Add((start, trace.DurationSeconds[i]));
                        }
                    break;
                }
            }
        }
        all.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new Detours([.. all.Select(d => d.Start)], [.. all.Select(d => d.Duration)]) { Horizon = horizon };
    }

    /// <summary>Monte Carlo of the reference: per step the mean over trials of the mean step and of the slowest step, and
    /// their standard errors (sample standard deviation / √trials).</summary>
    public static (double[] Mean, double[] MeanSe, double[] Slowest, double[] SlowestSe) MonteCarlo(
        NoiseProfile noise, SyncShape sync, int p, int ranksPerNode, int steps, double work, double overhead, double wire, bool warm, int trials, double horizon, int seed)
    {
        var rng = new Random(seed);
        var means = new double[trials][];
        var slowest = new double[trials][];
        for (var t = 0; t < trials; t++)
        {
            var run = Run(sync, p, steps, work, overhead, wire, Draw(noise, p, ranksPerNode, horizon, warm, rng));
            (means[t], slowest[t]) = Steps(run);
        }
        (double, double) Stat(double[][] x, int n)
        {
            var m = x.Average(r => r[n]);
            var v = x.Sum(r => (r[n] - m) * (r[n] - m)) / (trials - 1);
            return (m, Math.Sqrt(v / trials));
        }
        var result = (new double[steps], new double[steps], new double[steps], new double[steps]);
        for (var n = 0; n < steps; n++)
        {
            (result.Item1[n], result.Item2[n]) = Stat(means, n);
            (result.Item3[n], result.Item4[n]) = Stat(slowest, n);
        }
        return result;
    }
}
