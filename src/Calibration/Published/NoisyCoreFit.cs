using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;
using PerfModel.Units;
using PerfModel.Noise;

namespace PerfModel.Calibration.Published;

/// <summary>
/// A class of noisier cores from an FWQ run's quietest and noisiest worker (<see cref="FwqSummary"/>;
/// docs/sources.md#os-noise-noisy-core). FWQ times N quanta of fixed work q; a detour of length D that starts in a quantum
/// lengthens it by D. The noisy worker's detours in excess of the quiet one's are taken as a compound Poisson process of
/// rate λ and fixed duration D, so that the excess of a quantum, X = D·Poisson(λq), has Var X = λ·q·D² (also when D &gt; q:
/// each detour lengthens only the quantum it starts in), and the longest excess of the run is D whenever a detour occurred:
/// <list type="number">
/// <item><description>q = the noisy worker's median quantum (a rare detour does not move the median).</description></item>
/// <item><description>V = σ_noisy² − σ_quiet²: the variance the quiet worker does not have (the quiet worker's own is the
/// background every core shares, which the profile's base noise stands for).</description></item>
/// <item><description>D = max_noisy − q: the longest quantum's excess, the one detour the maximum saw.</description></item>
/// <item><description>λ = V / (q·D²); the run then expects K = λ·N·q = N·V / D² such detours (K ≥ 1 is required, or the
/// maximum would not be a detour of the process).</description></item>
/// </list>
/// Intervals: λ, the exact (Garwood) Poisson 95% interval of K detours over N·q; D, from V / (mean_noisy − mean_quiet) =
/// E[D²]/E[D] (what the same excess variance and the excess mean give if durations are spread, never above the maximum)
/// to the maximum; the share, 1 / workers (one noisy worker in the run), with the plausible interval given by the caller.
/// </summary>
public static class NoisyCoreFit
{
    /// <summary>Derives the class of run <paramref name="run"/> (rows <c>&lt;run&gt;_quietest</c> and <c>&lt;run&gt;_noisiest</c>).</summary>
    /// <param name="summary">The FWQ summaries.</param>
    /// <param name="run">Row name prefix, e.g. "fwq-th".</param>
    /// <param name="workers">Workers of the run (48 for fwq-th, 84 for fwq-mpi): the share is 1 / workers.</param>
    /// <param name="shareLow">Lower end of the share's plausible interval (e.g. 1/84).</param>
    /// <param name="shareHigh">Upper end (e.g. 1/48).</param>
    /// <exception cref="ArgumentException">No such run, or the noisy worker is not noisier than the quiet one (V ≤ 0 or
    /// D ≤ 0), or K &lt; 1.</exception>
    public static NoisyCoreClass Fit(FwqSummary summary, string run, int workers, double shareLow, double shareHigh)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        var quiet = summary.Row(run + "_quietest");
        var noisy = summary.Row(run + "_noisiest");
        if (quiet is null || noisy is null)
            throw new ArgumentException($"{summary.File} has no rows {run}_quietest and {run}_noisiest; its runs are {string.Join(", ", summary.Rows.Select(r => r.Run))}", nameof(run));
        var q = noisy.MedianSeconds;
        var n = noisy.Count;
        var v = noisy.StdSeconds * noisy.StdSeconds - quiet.StdSeconds * quiet.StdSeconds;
        var d = noisy.MaxExcessSeconds;
        if (!(v > 0) || !(d > 0))
            throw new ArgumentException($"{summary.File} line {noisy.Line}: the noisiest worker of {run} has no excess over the quietest (variance {v:G4} s^2, max excess {d:G4} s)", nameof(run));
        var perQuantum = v / (d * d);
        var rate = perQuantum / q;
        var detours = perQuantum * n;
        if (detours < 1)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{summary.File} line {noisy.Line}: {run}'s excess variance holds {detours:G3} detours of its longest excess; fewer than one, so the maximum is not a detour of a Poisson process"), nameof(run));
        var seconds = n * q;
        var (kLo, kHi) = DetourProcessFit.Garwood(detours);
        var meanExcess = noisy.MeanSeconds - quiet.MeanSeconds;
        var dLo = meanExcess > 0 ? Math.Min(d, v / meanExcess) : d;
        var share = 1.0 / workers;
        var source = new NoiseSource($"noisy core ({run} noisiest worker)", EventRate.FromPerSecond(rate), new FixedDuration(TimeInterval.FromSeconds(d)));
        var rows = string.Create(CultureInfo.InvariantCulture, $"data/measured/llnl_system_noise_fwq_summary.csv rows {run}_quietest/_noisiest (lines {quiet.Line}, {noisy.Line})");
        var us = (double s) => (s * 1e6).ToString("G6", CultureInfo.InvariantCulture);
        var g = (double x) => x.ToString("G4", CultureInfo.InvariantCulture);
        var derivation = $"{rows}: q = noisy median {us(q)} us, V = {us(noisy.StdSeconds)}^2 - {us(quiet.StdSeconds)}^2 = {g(v * 1e12)} us^2, D = max - median = {us(d)} us; compound Poisson, fixed D: Var = lambda q D^2";
        ImmutableArray<ParameterEstimate> estimates =
        [
            new("share", share, Math.Min(shareLow, share), Math.Max(shareHigh, share), "1",
                string.Create(CultureInfo.InvariantCulture, $"{rows}: one noisiest worker of {workers}; plausible [{g(shareLow)}, {g(shareHigh)}] (one worker in 84 (fwq-mpi) to one in 48 (fwq-th))")),
            new("ratePerSecond", rate, kLo / seconds, kHi / seconds, "1/s",
                string.Create(CultureInfo.InvariantCulture, $"{derivation}; lambda = V / (q D^2) = {g(rate)}/s, K = N V / D^2 = {g(detours)} detours in {n} quanta ({g(seconds)} s); exact Poisson (Garwood) 95% interval of K")),
            new("durationSeconds", d, dLo, d, "s",
                string.Create(CultureInfo.InvariantCulture, $"{derivation}; D = {us(d)} us; low end V / (mean_noisy - mean_quiet) = {g(v * 1e12)} / {g(meanExcess * 1e6)} = {us(dLo)} us = E[D^2]/E[D] if durations are spread")),
            new("fit.excessVarianceSeconds2", v, v, v, "s^2", derivation + " (reported only)"),
            new("fit.expectedDetours", detours, kLo, kHi, "1", derivation + "; K = N V / D^2 (reported only)"),
        ];
        return new NoisyCoreClass(run, source, share, estimates);
    }
}
