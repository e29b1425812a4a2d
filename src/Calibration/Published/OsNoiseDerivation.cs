using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;
using PerfModel.Profiles.Schema;

namespace PerfModel.Calibration.Published;

/// <summary>
/// The noise sections of the Linux, McKernel and mOS profiles of Oakforest-PACS from the noise classes fitted to published
/// measurements (<see cref="NoiseClassFit"/>) and named assumptions (<see cref="NoiseAssumptions"/>). Rates are kept as
/// measured (they are set by kernel and hardware events, not by the core's speed); durations are multiplied by
/// <see cref="NoiseAssumptions.KnlDurationScale"/> (a log-normal's median, a Pareto's scale; σ and α unchanged).
/// </summary>
public static class OsNoiseDerivation
{
    /// <summary>
    /// Derives the three OS noises.
    /// <list type="bullet">
    /// <item><description>Linux: the 64 application cores run <c>nohz_full</c> with daemons on the 4 reserved cores
    /// (P18 Sec. III-A), so each application core sees class (a) (<see cref="NoiseClasses.IsolatedNohzFull"/>: rate λ_a,
    /// durations × s) and, when <see cref="NoiseAssumptions.HousekeepingShareOnAppCores"/> = h &gt; 0, class (c)'s daemon
    /// source at rate h·λ_daemon (durations × s). No tick source (<c>nohz_full</c>). No rare long detour source: the LLNL
    /// FWQ run's one ≈1 ms detour (docs/sources.md#os-noise-llnl-fwq) comes from an unnamed machine and only its quietest
    /// and noisiest threads are published, so the number of such detours, and with it their rate, cannot be derived.</description></item>
    /// <item><description>McKernel: LWK cores see no tick and no Linux daemons (P18 Sec. II-D1); the residual of the
    /// best-isolated Linux core (<see cref="NoiseClasses.QuietestIsolated"/>) at rate
    /// λ_D·<see cref="NoiseAssumptions.LwkResidualRateFactor"/>, durations × s.</description></item>
    /// <item><description>mOS: as McKernel with the rate × <see cref="NoiseAssumptions.MosStrayRateFactor"/> (P18 Sec.
    /// II-D2: mOS is less isolated from Linux than McKernel, by no stated amount).</description></item>
    /// </list>
    /// A source whose rate comes out 0 is left out (and noted). Estimates are rescaled the same way (units 1/s by the rate
    /// factor, s by the duration scale), keep the fit's 95% interval (the assumption's own range is stated in the
    /// provenance text, not folded into the interval), and get their JSON paths in the OS profile files
    /// (<c>$.noise.sources[i].ratePerSecond</c>, <c>$.noise.sources[i].duration.medianSeconds</c>, …).
    /// </summary>
    public static OsNoiseProfiles Derive(NoiseClasses classes, NoiseAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(assumptions);
        var scale = assumptions.Parameter(nameof(NoiseAssumptions.KnlDurationScale));
        var share = assumptions.Parameter(nameof(NoiseAssumptions.HousekeepingShareOnAppCores));
        var lwk = assumptions.Parameter(nameof(NoiseAssumptions.LwkResidualRateFactor));
        var mos = assumptions.Parameter(nameof(NoiseAssumptions.MosStrayRateFactor));

        var linuxSources = new List<(FittedNoiseSource, string, double, NoiseAssumption[])>
        {
            (classes.IsolatedNohzFull.Sources[0], "residual interrupts, nohz_full application core", 1, [scale]),
        };
        var daemons = classes.Housekeeping.Sources.First(s => s.Source.Arrival == NoiseArrival.Poisson);
        linuxSources.Add((daemons, "housekeeping daemons reaching an application core", share.Value, [scale, share]));
        var linux = Os("linux", linuxSources, scale.Value,
        [
            "no timer tick on the application cores: nohz_full (P18 Sec. III-A)",
            "no rare long detour source: the LLNL FWQ run's one ~1 ms detour (docs/sources.md#os-noise-llnl-fwq) is from an unnamed machine with only its quietest and noisiest threads published, so the rate of such detours cannot be derived",
        ]);

        var quiet = classes.QuietestIsolated.Sources[0];
        var mcKernel = Os("mckernel", [(quiet, "residual interrupts, LWK core", lwk.Value, [scale, lwk])], scale.Value,
            ["no tick and no Linux daemons on LWK cores (P18 Sec. II-D1): the residual of the best-isolated Linux core measured (osjitter D)"]);
        var mosNoise = Os("mos", [(quiet, "residual interrupts and stray Linux kernel tasks, LWK core", lwk.Value * mos.Value, [scale, lwk, mos])], scale.Value,
            ["no tick and no Linux daemons on LWK cores (P18 Sec. II-D1): the residual of the best-isolated Linux core measured (osjitter D), times the mOS stray factor (P18 Sec. II-D2)"]);
        return new OsNoiseProfiles(linux, mcKernel, mosNoise, assumptions);
    }

    private static OsNoise Os(string os, IReadOnlyList<(FittedNoiseSource Class, string Name, double RateFactor, NoiseAssumption[] Used)> parts, double scale, ImmutableArray<string> notes)
    {
        var sources = ImmutableArray.CreateBuilder<FittedNoiseSource>();
        var allNotes = notes.ToBuilder();
        foreach (var (fitted, name, rateFactor, used) in parts)
        {
            if (!(fitted.Source.Rate.PerSecond * rateFactor > 0))
            {
                allNotes.Add($"{name}: left out, its rate is 0 ({string.Join(", ", used.Skip(1).Select(u => $"{u.Name} = {Num(u.Value)}"))})");
                continue;
            }
            var source = new NoiseSource(name, EventRate.FromPerSecond(fitted.Source.Rate.PerSecond * rateFactor),
                DurationDiscretisation.Scaled(fitted.Source.Duration, scale), fitted.Source.Arrival);
            var index = sources.Count;
            var basePath = ProfileSchema.JsonPath(ProfileSchema.Os, $"{nameof(OsProfile.Noise)}.{nameof(NoiseProfile.Sources)}[{index}]");
            var because = string.Join("; ", used.Select(u => u.ToString()));
            var estimates = fitted.Estimates.Select(e =>
            {
                var factor = e.Unit switch { "1/s" => rateFactor, "s" => scale, _ => 1.0 };
                var scaled = e with { Value = e.Value * factor, Lower95 = e.Lower95 * factor, Upper95 = e.Upper95 * factor };
                var reported = e.Name.StartsWith("fit.", StringComparison.Ordinal);
                var text = string.Create(CultureInfo.InvariantCulture,
                    $"{e.Provenance ?? e.Method}{(factor != 1 ? $"; x {Num(factor)}" : "")} ({because}); 95% CI of the fit [{scaled.Lower95:G4}, {scaled.Upper95:G4}] {e.Unit}");
                return reported ? scaled with { Provenance = text } : scaled with { Provenance = text, Profile = ProfileKind.Os, JsonPath = $"{basePath}.{e.Name}" };
            });
            sources.Add(new FittedNoiseSource(source, [.. estimates]));
        }
        return new OsNoise(os, sources.ToImmutable(), allNotes.ToImmutable());
    }

    private static string Num(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
