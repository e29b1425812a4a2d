using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Calibration.Fitting;
using PerfModel.Noise;

namespace PerfModel.Calibration.Published;

/// <summary>A detour process fitted to published per-core statistics (<see cref="DetourProcessFit.Fit"/>): the rate, the
/// chosen duration distribution and the other candidate, every parameter with a 95% interval, and the fit's errors.</summary>
public sealed record DetourFitResult
{
    /// <summary>A fit of <paramref name="cores"/>.</summary>
    /// <param name="cores">Labels of the core summaries fitted together.</param>
    /// <param name="count">Detours over all cores.</param>
    /// <param name="runSeconds">Run time over all cores (core-seconds).</param>
    /// <param name="chosen">The candidate chosen (smallest RMS log error).</param>
    /// <param name="candidates">All candidates fitted (log-normal then Pareto; the fixed duration alone when every published
    /// quantile is the same).</param>
    /// <param name="estimates">ratePerSecond, then the chosen distribution's parameters (duration.medianSeconds and
    /// duration.sigma, duration.scaleSeconds and duration.alpha, or durationSeconds), then meanDurationSeconds.</param>
    /// <param name="method">How the values were obtained (for provenance texts).</param>
    public DetourFitResult(ImmutableArray<string> cores, int count, double runSeconds, DetourFitCandidate chosen,
        ImmutableArray<DetourFitCandidate> candidates, ImmutableArray<ParameterEstimate> estimates, string method)
    {
        Cores = cores;
        Count = count;
        RunSeconds = runSeconds;
        Chosen = chosen;
        Candidates = candidates;
        Estimates = estimates;
        Method = method;
    }

    /// <summary>Labels of the core summaries fitted together.</summary>
    public ImmutableArray<string> Cores { get; }

    /// <summary>Detours over all cores.</summary>
    public int Count { get; }

    /// <summary>Run time over all cores, core-seconds.</summary>
    public double RunSeconds { get; }

    /// <summary>The chosen candidate.</summary>
    public DetourFitCandidate Chosen { get; }

    /// <summary>All candidates fitted.</summary>
    public ImmutableArray<DetourFitCandidate> Candidates { get; }

    /// <summary>ratePerSecond, the chosen distribution's parameters, meanDurationSeconds; each with its 95% interval.</summary>
    public ImmutableArray<ParameterEstimate> Estimates { get; }

    /// <summary>How the values were obtained.</summary>
    public string Method { get; }

    /// <summary>The chosen duration distribution.</summary>
    public DurationDistribution Duration => Chosen.Duration;

    /// <summary>Detours per second per core: Count / RunSeconds.</summary>
    public double RatePerSecond => Count / RunSeconds;

    /// <summary>The estimate named <paramref name="name"/>, or null.</summary>
    public ParameterEstimate? Estimate(string name) => Estimates.FirstOrDefault(e => e.Name == name);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{RatePerSecond:G4}/s x {Chosen} ({Count} detours in {RunSeconds:G4} core-s)");
}
