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
    /// source at rate h·λ_daemon (durations × s). No tick source (<c>nohz_full</c>). No rare long detour source on every core: the
    /// LLNL FWQ runs' ≈1 ms detours (docs/sources.md#os-noise-llnl-fwq) are on their noisiest worker only, so they are a
    /// class of noisy cores (the overload with a <see cref="NoisyCoreClass"/>), not a source of every core.</description></item>
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
    public static OsNoiseProfiles Derive(NoiseClasses classes, NoiseAssumptions assumptions) => Derive(classes, null, assumptions);

    /// <summary>
    /// As <see cref="Derive(NoiseClasses, NoiseAssumptions)"/>, and Linux's application cores get a class of noisier cores
    /// (<see cref="NoiseClassScope.Core"/>) from <paramref name="noisyCore"/> (<see cref="NoisyCoreFit"/>): a share
    /// s·<see cref="NoiseAssumptions.NoisyCoreShareFactor"/> of the cores sees Linux's own sources plus the noisy core's
    /// excess detours (rate and duration as measured: the LLNL machine's cores are not named, so no KNL duration scale is
    /// applied). A share of 0 leaves the class out (noted). The LWKs get no such class: their cores run no Linux and take
    /// no Linux interrupts (P18 Sec. II-D1), which is what a single core's excess is bound to
    /// (docs/sources.md#os-noise-noisy-core).
    /// </summary>
    public static OsNoiseProfiles Derive(NoiseClasses classes, NoisyCoreClass? noisyCore, NoiseAssumptions assumptions)
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
            "no rare long detour source on every core: the LLNL FWQ runs' long detours (docs/sources.md#os-noise-llnl-fwq) are on their noisiest worker only, so they form the class of noisy cores, not a source of every core",
        ]);

        if (noisyCore is not null) linux = WithNoisyCores(linux, noisyCore, assumptions.Parameter(nameof(NoiseAssumptions.NoisyCoreShareFactor)));

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

    /// <summary><paramref name="linux"/> with a core class of share s × factor whose noise is Linux's sources plus the noisy
    /// core's excess source; the class's estimates are the sources' (at the class's paths) and the fit's.</summary>
    private static OsNoise WithNoisyCores(OsNoise linux, NoisyCoreClass noisy, NoiseAssumption factor)
    {
        var share = noisy.Share * factor.Value;
        var why = factor.ToString();
        if (!(share > 0))
            return new OsNoise(linux.Os, linux.Sources, linux.Notes.Add($"noisy cores ({noisy.Run} noisiest worker): left out, their share is 0 ({factor.Name} = {Num(factor.Value)})"));
        var extraIndex = linux.Sources.Length;
        var noise = new NoiseProfile([.. linux.Sources.Select(s => s.Source), noisy.Extra]);
        var nodeClass = new NodeNoiseClass(share, noise) { Scope = NoiseClassScope.Core };
        var classPath = ProfileSchema.JsonPath(ProfileSchema.Os, $"{nameof(OsProfile.Noise)}.{nameof(NoiseProfile.NodeClasses)}[0]");
        // The paths of source 0 without its index: "$.noise.sources[" and "$.noise.nodeClasses[0].noise.sources[".
        var sourcesPath = ProfileSchema.JsonPath(ProfileSchema.Os, $"{nameof(OsProfile.Noise)}.{nameof(NoiseProfile.Sources)}[0]")[..^2];
        var inClass = ProfileSchema.JsonPath(ProfileSchema.Os, $"{nameof(OsProfile.Noise)}.{nameof(NoiseProfile.NodeClasses)}[0].{nameof(NodeNoiseClass.Noise)}.{nameof(NoiseProfile.Sources)}[0]")[..^2];
        var estimates = ImmutableArray.CreateBuilder<ParameterEstimate>();
        foreach (var e in linux.Sources.SelectMany(s => s.Estimates))
            if (e.JsonPath is not null && e.JsonPath.StartsWith(sourcesPath, StringComparison.Ordinal))
                estimates.Add(e with { JsonPath = inClass + e.JsonPath[sourcesPath.Length..] });
        var extraPath = ProfileSchema.JsonPath(ProfileSchema.Os, $"{nameof(OsProfile.Noise)}.{nameof(NoiseProfile.NodeClasses)}[0].{nameof(NodeNoiseClass.Noise)}.{nameof(NoiseProfile.Sources)}[{extraIndex}]");
        foreach (var e in noisy.Estimates)
        {
            var reported = e.Name.StartsWith("fit.", StringComparison.Ordinal);
            var f = e.Name == "share" ? factor.Value : 1.0;
            var scaled = e with { Value = e.Value * f, Lower95 = e.Lower95 * f, Upper95 = e.Upper95 * f };
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{e.Method}{(e.Name == "share" ? $"; x {Num(factor.Value)} ({why})" : "")}; docs/sources.md#os-noise-noisy-core; interval [{scaled.Lower95:G4}, {scaled.Upper95:G4}] {e.Unit}");
            if (reported) estimates.Add(scaled with { Provenance = text });
            else estimates.Add(scaled with
            {
                Provenance = text, Profile = ProfileKind.Os,
                JsonPath = e.Name == "share" ? $"{classPath}.share" : $"{extraPath}.{e.Name}",
            });
        }
        return new OsNoise(linux.Os, linux.Sources, linux.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"noisy cores: {Num(share)} of the application cores (each on its own) also see {noisy.Run}'s noisiest worker's excess detours, {Num(noisy.Extra.Rate.PerSecond)}/s of {Num(noisy.Extra.Duration.MeanSeconds * 1e6)} us (docs/sources.md#os-noise-noisy-core)")))
        {
            Classes = [nodeClass], ClassEstimates = estimates.ToImmutable(),
        };
    }

    private static string Num(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
