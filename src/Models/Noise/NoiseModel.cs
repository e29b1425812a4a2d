using PerfModel.Communication;
using PerfModel.Descriptions;
using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>
/// OS-noise amplification per iteration. The work W (the sum of the <see cref="TermRole.Work"/> terms upstream) is split
/// evenly between the synchronisation points. Each collective is a bulk-synchronous step of W/#syncs followed by its
/// algorithm's rounds at the exact number of cores (<see cref="StepShape.RoundsFor"/>: recursive doubling for allreduce,
/// ⌊log₂ P⌋ + 2 rounds when P is not a power of two; binomial tree for reduce and broadcast; dissemination for barrier;
/// round time = LogGP time / rounds, from the <see cref="CommunicationTerm"/> upstream), and each halo exchange an ideal
/// barrier of the rank's neighbourhood ((n+1) × threads cores). The delay is the closed form's stationary step minus the
/// noise-free step (<see cref="NoiseClosedForm"/>, with <see cref="ClosedFormOptions.Fast"/>): the wall-clock delay per
/// step of a long run, in which a late rank carries its delay into the next step and detours in progress when a window
/// starts are charged their remainder; with no synchronisation point the iteration ends with one global barrier. The
/// variance of the steps is reported for the run spread. Every core is a participant (ranks × threads); node classes
/// (<see cref="NoiseProfile.NodeClasses"/>) are drawn per node of <see cref="AppProfile.CoresPerNode"/> cores.
/// </summary>
public sealed class NoiseModel : IMechanismModel
{
    /// <summary>The model with the predictor's lattice resolution (<see cref="ClosedFormOptions.Fast"/>).</summary>
    public static readonly NoiseModel Instance = new(ClosedFormOptions.Fast);

    /// <summary>A noise model evaluating the closed forms with <paramref name="options"/>.</summary>
    public NoiseModel(ClosedFormOptions options) => Options = options ?? throw new ArgumentNullException(nameof(options));

    private NoiseModel(ClosedFormOptions options, ClosedFormMemo memo) : this(options) => Memo = memo;

    /// <summary>Closed-form resolution.</summary>
    public ClosedFormOptions Options { get; }

    /// <summary>The memo the closed forms are evaluated through (null: each is computed when asked for).</summary>
    public ClosedFormMemo? Memo { get; }

    /// <summary>This model evaluating its closed forms through <paramref name="memo"/>: the same terms, each distinct step
    /// computed once for every prediction made with it (<see cref="ClosedFormMemo"/>).</summary>
    public NoiseModel WithMemo(ClosedFormMemo memo)
    {
        ArgumentNullException.ThrowIfNull(memo);
        return ReferenceEquals(memo, Memo) ? this : new NoiseModel(Options, memo);
    }

    /// <inheritdoc />
    public ModelInfo Info { get; } = new()
    {
        Id = "noise-amplification", Title = "OS-noise delay at every synchronisation point (closed forms over all cores)", Mechanism = Mechanism.Noise,
        Citation = "Hoefler, Schneider, Lumsdaine, SC10, doi:10.1109/SC.2010.12; Tsafrir et al., ICS 2005, doi:10.1145/1088149.1088195",
    };

    /// <inheritdoc />
    public MechanismTerm Evaluate(RankLoad load, TermSet upstream)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(upstream);
        var s = load.Scenario;
        var app = s.App;
        var noise = s.Os.Noise;
        var work = upstream.WorkPerIteration.Seconds;
        var comm = upstream.Find<CommunicationTerm>();
        var cores = load.Cores;
        var syncs = app.Collectives.Sum(c => c.PerIteration) + app.Halo.ExchangesPerIteration;
        var variance = 0.0;
        double Delay(StepShape shape, double participants, double perIteration = 1)
        {
            var r = Memo is { } memo ? memo.Evaluate(noise, shape, participants, Options) : NoiseClosedForm.Evaluate(noise, shape, participants, Options);
            variance += perIteration * r.StepVarianceSeconds2;
            return Math.Max(0, r.Delay.Seconds);
        }

        double total;
        // No shortcut for a quiet base profile: its node classes may be noisy (the closed form returns at once when all are quiet).
        if (syncs <= 0) total = Delay(new StepShape(TimeInterval.FromSeconds(work), SyncShape.Barrier, TimeInterval.Zero) { RanksPerNode = app.CoresPerNode }, cores);
        else
        {
            var segment = work / syncs;
            total = 0.0;
            for (var i = 0; i < app.Collectives.Length; i++)
            {
                var c = app.Collectives[i];
                if (!(c.PerIteration > 0)) continue;
                var seconds = comm?.CollectiveTimes[i].Seconds ?? 0;
                var sync = c.Kind switch
                {
                    CollectiveKind.Allreduce => SyncShape.AllreduceRecursiveDoubling,
                    CollectiveKind.Barrier => SyncShape.DisseminationBarrier,
                    _ => SyncShape.TreeReduceBroadcast,
                };
                var k = new StepShape(TimeInterval.Zero, sync, TimeInterval.Zero).RoundsFor(cores);
                var shape = k == 0
                    ? new StepShape(TimeInterval.FromSeconds(segment + seconds), SyncShape.None, TimeInterval.Zero) { RanksPerNode = app.CoresPerNode }
                    : new StepShape(TimeInterval.FromSeconds(segment), sync, TimeInterval.FromSeconds(seconds / k)) { RanksPerNode = app.CoresPerNode };
                total += c.PerIteration * Delay(shape, cores, c.PerIteration);
            }
            if (app.Halo.ExchangesPerIteration > 0)
            {
                var local = Math.Min(cores, (long)Math.Ceiling(app.Halo.Neighbours + 1) * app.ThreadsPerRank);
                var halo = comm?.HaloPerExchange.Seconds ?? 0;
                total += app.Halo.ExchangesPerIteration * Delay(new StepShape(TimeInterval.FromSeconds(segment + halo), SyncShape.Barrier, TimeInterval.Zero) { RanksPerNode = (int)Math.Min(local, app.CoresPerNode) }, local, app.Halo.ExchangesPerIteration);
            }
        }
        return new NoiseTerm
        {
            ModelId = Info.Id,
            Mechanism = Mechanism.Noise,
            Role = TermRole.Delay,
            PerIteration = TimeInterval.FromSeconds(total),
            VariancePerIterationSeconds2 = variance,
            SynchronisationsPerIteration = syncs > 0 ? syncs : 1,
            Segment = TimeInterval.FromSeconds(syncs > 0 ? work / syncs : work),
        };
    }
}
