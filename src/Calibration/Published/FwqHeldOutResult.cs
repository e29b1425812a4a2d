using System.Collections.Immutable;
using System.Globalization;

namespace PerfModel.Calibration.Published;

/// <summary>An FWQ run predicted from a noise profile and compared with its published summary (<see cref="FwqHeldOut"/>).</summary>
public sealed record FwqHeldOutResult
{
    /// <summary>The comparison for run <paramref name="run"/>.</summary>
    /// <param name="run">The run's name prefix ("fwq-th").</param>
    /// <param name="workers">Workers of the run.</param>
    /// <param name="quanta">Quanta per worker.</param>
    /// <param name="quantumSeconds">Noise-free quantum (the quietest worker's median), seconds.</param>
    /// <param name="statistics">Noisiest and quietest worker's std and max excess.</param>
    /// <param name="method">How the prediction was made.</param>
    public FwqHeldOutResult(string run, int workers, int quanta, double quantumSeconds, ImmutableArray<FwqStatistic> statistics, string method)
    {
        Run = run;
        Workers = workers;
        Quanta = quanta;
        QuantumSeconds = quantumSeconds;
        Statistics = statistics;
        Method = method;
    }

    /// <summary>The run's name prefix.</summary>
    public string Run { get; }

    /// <summary>Workers of the run.</summary>
    public int Workers { get; }

    /// <summary>Quanta per worker.</summary>
    public int Quanta { get; }

    /// <summary>Noise-free quantum, seconds.</summary>
    public double QuantumSeconds { get; }

    /// <summary>The statistics compared.</summary>
    public ImmutableArray<FwqStatistic> Statistics { get; }

    /// <summary>How the prediction was made.</summary>
    public string Method { get; }

    /// <summary>The statistic named <paramref name="name"/>.</summary>
    public FwqStatistic Statistic(string name) => Statistics.First(s => s.Name == name);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Run} ({Workers} workers x {Quanta} quanta of {QuantumSeconds * 1e6:G4} us): {string.Join("; ", Statistics)}");
}
