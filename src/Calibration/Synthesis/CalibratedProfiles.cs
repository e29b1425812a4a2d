using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Measurements;
using PerfModel.Calibration.Noise;
using PerfModel.Profiles;

namespace PerfModel.Calibration.Synthesis;

/// <summary>Builds a platform and a Linux OS profile for the host the micro-benchmarks ran on.</summary>
public static class CalibratedProfiles
{
    /// <summary>Page sizes of the two fault series.</summary>
    private const double Page4K = 4096, Page2M = 2 * 1024 * 1024;

    /// <summary>A fault cost is floored at this fraction of the measured per-page time (see <see cref="Build"/>).</summary>
    public const double FaultFloorFraction = 0.01;

    /// <summary>
    /// Replaces the template's parameters with those the benchmark results measure and keeps everything else, with the
    /// template's provenance:
    /// <list type="bullet">
    /// <item><description>kernel.syscallSeconds = median of syscall/getppid; kernel.schedYieldSeconds = median of
    /// syscall/sched_yield (y in a time unit, converted to seconds).</description></item>
    /// <item><description>kernel.zeroingBytesPerSecondPerCore = median of bandwidth/triad-1-thread; the DDR tier's
    /// bandwidthBytesPerSecond = median of bandwidth/triad-N-threads, the series with the largest N ≥ 2 (y in a
    /// bandwidth unit).</description></item>
    /// <item><description>kernel.pageFault4KSeconds = b₄ₖ − 4096 / Z, where b₄ₖ is the OLS slope of faults/touch-4k (time
    /// per page touched) and Z the zeroing rate (measured above, else the template's): the fault cost excludes zeroing, the
    /// slope includes it. Likewise pageFault2MSeconds = b₂ₘ − 2 MiB / Z from faults/touch-2m when present. When zeroing
    /// explains (almost) all of the slope the difference is noise around zero, so the result is floored at
    /// <see cref="FaultFloorFraction"/> × slope (a small positive cost, which keeps the model's fault term alive without
    /// claiming precision); the notes say when that happened. The interval is [b_lo − P/Z_lo, b_hi − P/Z_hi] (each end
    /// floored), which propagates the zeroing interval conservatively.</description></item>
    /// <item><description>The OS noise = <see cref="NoiseFit.FromTrace"/> of the fwq result: series core&lt;k&gt; hold
    /// one core's sample durations (ns); per core the minimum, mean and detours (samples exceeding the minimum by more
    /// than <see cref="FwqTrace.DefaultDetourThresholdNs"/> ns, as their excess) are computed.</description></item>
    /// </list>
    /// A benchmark, or series, that is missing or skipped, or whose fit fails (<see cref="CalibrationException"/>), leaves
    /// the template value, and the notes say so. Measured values get the provenance
    /// "measured: &lt;host&gt; &lt;date&gt;, &lt;benchmark&gt;/&lt;series&gt;, &lt;method&gt;, 95% CI [lo, hi] &lt;unit&gt;".
    /// The platform is named "&lt;host&gt; (calibrated &lt;date&gt;)"; the OS is "linux", displayed "Linux (&lt;host&gt;)".
    /// </summary>
    /// <exception cref="ProfileValidationException">The calibrated profiles break a profile rule (e.g. noise taking the whole core).</exception>
    public static CalibratedProfileSet Build(Platform template, OsProfile linuxTemplate, IReadOnlyList<BenchmarkResult> results,
        string host, string date, int seed)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(linuxTemplate);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(date);
        var b = new Builder(template, linuxTemplate, results, host, date, seed);
        b.Run();
        return b.Result();
    }

    private sealed class Builder(Platform template, OsProfile os, IReadOnlyList<BenchmarkResult> results, string host, string date, int seed)
    {
        private readonly ImmutableDictionary<string, string>.Builder platformProv = template.Provenance.ByPath.ToBuilder();
        private readonly ImmutableDictionary<string, string>.Builder osProv = os.Provenance.ByPath.ToBuilder();
        private readonly List<ParameterEstimate> estimates = [];
        private readonly List<string> notes = [];
        private KernelCosts kernel = template.Kernel;
        private ImmutableArray<MemoryTier> tiers = template.MemoryTiers;
        private ImmutableArray<TlbLevel> tlb = template.Tlb;
        private double tlbL2Hit = template.TlbL2HitSeconds;
        private double pageWalk = template.PageWalkCachedSeconds;
        private NoiseProfile noise = os.Noise;
        private ParameterEstimate? zeroing;
        private int nextSeed = seed;

        public void Run()
        {
            Measure("kernel.syscallSeconds", "syscall", "getppid", s =>
            {
                var e = Median(s, "kernel.syscallSeconds", Units.Seconds(s.YUnit, Where("syscall", s)), "s");
                kernel = kernel with { SyscallSeconds = e.Value };
                return [e];
            });
            Measure("kernel.schedYieldSeconds", "syscall", "sched_yield", s =>
            {
                var e = Median(s, "kernel.schedYieldSeconds", Units.Seconds(s.YUnit, Where("syscall", s)), "s");
                kernel = kernel with { SchedYieldSeconds = e.Value };
                return [e];
            });
            Measure("kernel.zeroingBytesPerSecondPerCore", "bandwidth", "triad-1-thread", s =>
            {
                var e = Median(s, "kernel.zeroingBytesPerSecondPerCore", Units.BytesPerSecond(s.YUnit, Where("bandwidth", s)), "B/s");
                if (!(e.Value > 0))
                    throw new CalibrationException(CalibrationFailure.OutOfDomain, $"{Where("bandwidth", s)}: median bandwidth {e.Value} B/s must be > 0");
                kernel = kernel with { ZeroingBytesPerSecondPerCore = e.Value };
                zeroing = e;
                return [e];
            });
            var ddr = tiers.IsDefault ? -1 : tiers.IndexOf(tiers.FirstOrDefault(t => t.Kind == MemoryKind.Ddr)!);
            if (ddr >= 0)
            {
                var name = $"memoryTiers[{ddr}].bandwidthBytesPerSecond";
                Measure(name, "bandwidth", AllThreadsSeries(), s =>
                {
                    var e = Median(s, name, Units.BytesPerSecond(s.YUnit, Where("bandwidth", s)), "B/s");
                    tiers = tiers.SetItem(ddr, tiers[ddr] with { BandwidthBytesPerSecond = e.Value });
                    return [e];
                });
            }
            Measure("kernel.pageFault4KSeconds", "faults", "touch-4k", s =>
            {
                var e = Fault(s, "kernel.pageFault4KSeconds", Page4K);
                kernel = kernel with { PageFault4KSeconds = e.Value };
                return [e];
            });
            Measure("kernel.pageFault2MSeconds", "faults", "touch-2m", s =>
            {
                var e = Fault(s, "kernel.pageFault2MSeconds", Page2M);
                kernel = kernel with { PageFault2MSeconds = e.Value };
                return [e];
            });
            MeasureTlb();
            MeasureNoise();
        }

        /// <summary>TLB from the 4 KiB pointer chase: entries of the first- and second-level 4 KiB structures and the two
        /// penalties (<see cref="TlbFit"/>); the 2 MiB / 1 GiB structures keep the template's geometry.</summary>
        private void MeasureTlb()
        {
            var l1 = tlb.IsDefault ? -1 : tlb.IndexOf(tlb.FirstOrDefault(t => t.Level == 1 && t.PageSizeBytes == Page4K)!);
            var l2 = tlb.IsDefault ? -1 : tlb.IndexOf(tlb.FirstOrDefault(t => t.Level == 2 && t.PageSizeBytes == Page4K)!);
            if (l1 < 0 || l2 < 0) { Keep("tlb", "the template has no first- and second-level 4 KiB TLB structures to calibrate"); return; }
            Measure("tlb", "tlb", "chase-4k", s =>
            {
                var f = TlbFit.Fit(s, Page4K);
                tlb = tlb.SetItem(l1, tlb[l1] with { Entries = f.FirstLevelEntries }).SetItem(l2, tlb[l2] with { Entries = f.SecondLevelEntries });
                tlbL2Hit = f.FirstLevelMissPenalty.Value;
                pageWalk = f.WalkPenalty.Value;
                return
                [
                    f.FirstLevelReach with { Name = $"tlb[{l1}].entries", Value = f.FirstLevelEntries, Lower95 = f.FirstLevelReach.Lower95 / Page4K, Upper95 = f.FirstLevelReach.Upper95 / Page4K, Unit = "entries" },
                    f.SecondLevelReach with { Name = $"tlb[{l2}].entries", Value = f.SecondLevelEntries, Lower95 = f.SecondLevelReach.Lower95 / Page4K, Upper95 = f.SecondLevelReach.Upper95 / Page4K, Unit = "entries" },
                    f.FirstLevelMissPenalty,
                    f.WalkPenalty,
                ];
            });
            // The 2 MiB chase is reported (reach per level and penalties) but not written into the profile: the
            // template's 2 MiB / 1 GiB structures stay, since a VM's nested paging blurs them (README).
            var chase2m = results.FirstOrDefault(r => r.Benchmark == "tlb" && !r.Skipped)?.Series.FirstOrDefault(s => s.Name == "chase-2m");
            if (chase2m is null) { notes.Add("tlb 2 MiB: no chase-2m series (THP not available?)"); return; }
            try
            {
                var f2 = TlbFit.Fit(chase2m, Page2M, "tlb2m");
                estimates.AddRange([f2.FirstLevelReach, f2.SecondLevelReach,
                    f2.FirstLevelMissPenalty with { Name = "tlb2m.firstLevelMissPenaltySeconds" }, f2.WalkPenalty with { Name = "tlb2m.walkPenaltySeconds" }]);
            }
            catch (CalibrationException ex)
            {
                notes.Add($"tlb 2 MiB: chase-2m could not be fitted ({ex.Reason}): {ex.Message}");
            }
        }

        public CalibratedProfileSet Result()
        {
            var platform = template with
            {
                Name = $"{host} (calibrated {date})",
                Kernel = kernel,
                MemoryTiers = tiers,
                Tlb = tlb,
                TlbL2HitSeconds = tlbL2Hit,
                PageWalkCachedSeconds = pageWalk,
                Provenance = new Provenance(platformProv.ToImmutable()),
            };
            var linux = os with
            {
                Name = "linux",
                DisplayName = $"Linux ({host})",
                Noise = noise,
                Provenance = new Provenance(osProv.ToImmutable()),
            };
            var errors = platform.Validate("calibrated platform").Concat(linux.Validate("calibrated linux")).ToArray();
            if (errors.Length > 0) throw new ProfileValidationException(errors);
            return new CalibratedProfileSet(platform, linux, [.. estimates], [.. notes]);
        }

        /// <summary>Finds benchmark/series and applies <paramref name="apply"/>, or notes why the template value stays.</summary>
        private void Measure(string parameter, string benchmark, string? seriesName, Func<Series, IReadOnlyList<ParameterEstimate>> apply)
        {
            var result = results.FirstOrDefault(r => r.Benchmark == benchmark && !r.Skipped) ?? results.FirstOrDefault(r => r.Benchmark == benchmark);
            if (result is null) { Keep(parameter, $"no '{benchmark}' result"); return; }
            if (result.Skipped) { Keep(parameter, $"'{benchmark}' was skipped: {result.SkipReason}"); return; }
            var series = seriesName is null ? null : result.Series.IsDefault ? null : result.Series.FirstOrDefault(s => s.Name == seriesName);
            if (series is null) { Keep(parameter, $"'{benchmark}' has no series '{seriesName ?? "triad-<N>-threads with N >= 2"}'"); return; }
            try
            {
                foreach (var e in apply(series))
                {
                    estimates.Add(e);
                    platformProv["$." + e.Name] = Provenance(benchmark, series.Name, e);
                }
            }
            catch (CalibrationException ex)
            {
                Keep(parameter, $"{benchmark}/{series.Name} could not be fitted ({ex.Reason}): {ex.Message}");
            }
        }

        private void Keep(string parameter, string why) => notes.Add($"{parameter}: kept the template value ({why})");

        /// <summary>The bandwidth series measured with the most threads (N ≥ 2), named triad-N-threads.</summary>
        private string? AllThreadsSeries()
        {
            var bw = results.FirstOrDefault(r => r.Benchmark == "bandwidth" && !r.Skipped);
            if (bw is null || bw.Series.IsDefault) return null;
            // The bandwidth benchmark names its all-threads series literally "triad-N-threads".
            if (bw.Series.Any(s => s.Name == "triad-N-threads")) return "triad-N-threads";
            return bw.Series
                .Select(s => (s.Name, Match: Regex.Match(s.Name, @"^triad-(\d+)-threads$", RegexOptions.CultureInvariant)))
                .Where(t => t.Match.Success && int.TryParse(t.Match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 2)
                .OrderByDescending(t => int.Parse(t.Match.Groups[1].Value, CultureInfo.InvariantCulture))
                .Select(t => t.Name)
                .FirstOrDefault();
        }

        private ParameterEstimate Median(Series s, string name, double factor, string unit)
        {
            var e = MedianFit.Of(s, name, unit, nextSeed++);
            return e with { Value = e.Value * factor, Lower95 = e.Lower95 * factor, Upper95 = e.Upper95 * factor };
        }

        /// <summary>Fault cost = OLS slope (seconds per page) − page zeroing time, floored (see <see cref="Build"/>).</summary>
        private ParameterEstimate Fault(Series s, string name, double pageBytes)
        {
            var where = Where("faults", s);
            var perPage = Units.Seconds(s.YUnit, where) / Units.Pages(s.XUnit, pageBytes, where);
            var fit = LinearFit.Fit(s, name, "s/page", nextSeed++);
            var slope = fit.Slope.Value * perPage;
            if (!(slope > 0))
                throw new CalibrationException(CalibrationFailure.OutOfDomain, $"{where}: the time per page {slope:G4} s is not positive");
            var z = zeroing?.Value ?? kernel.ZeroingBytesPerSecondPerCore;
            var (zLo, zHi) = zeroing is { } ze ? (ze.Lower95, ze.Upper95) : (z, z);
            var floor = FaultFloorFraction * slope;
            var value = slope - pageBytes / z;
            if (value < floor)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: the {where} slope {slope:G4} s/page is at most the zeroing time {pageBytes / z:G4} s; floored at {FaultFloorFraction:P0} of the slope, {floor:G4} s"));
                value = floor;
            }
            var lo = Math.Max(floor, fit.Slope.Lower95 * perPage - pageBytes / zLo);
            var hi = Math.Max(floor, fit.Slope.Upper95 * perPage - pageBytes / zHi);
            var zeroSource = zeroing is null ? "template zeroing rate" : "measured zeroing rate";
            var method = string.Create(CultureInfo.InvariantCulture,
                $"OLS slope {slope:G4} s/page (R²={fit.RSquared:F4}, n={fit.Count}) minus {pageBytes:G} B / {z:G4} B/s ({zeroSource})");
            return new ParameterEstimate(name, value, Math.Min(lo, value), Math.Max(hi, value), "s", method);
        }

        private void MeasureNoise()
        {
            const string parameter = "noise";
            var result = results.FirstOrDefault(r => r.Benchmark == "fwq" && !r.Skipped) ?? results.FirstOrDefault(r => r.Benchmark == "fwq");
            if (result is null) { Keep(parameter, "no 'fwq' result"); return; }
            if (result.Skipped) { Keep(parameter, $"'fwq' was skipped: {result.SkipReason}"); return; }
            var coreSeries = (result.Series.IsDefault ? [] : result.Series)
                .Where(s => Regex.IsMatch(s.Name, @"^core\d+$", RegexOptions.CultureInvariant)).ToArray();
            if (coreSeries.Length == 0) { Keep(parameter, "'fwq' has no series core<k>"); return; }
            try
            {
                var threshold = FwqTrace.DefaultDetourThresholdNs;
                var cores = coreSeries.Select(s =>
                {
                    var y = s.Y.IsDefault ? [] : s.Y.ToArray();
                    var where = Where("fwq", s);
                    if (y.Length == 0) throw new CalibrationException(CalibrationFailure.TooFewSamples, $"{where}: no samples");
                    var toNs = Units.Seconds(s.YUnit, where) / 1e-9;
                    for (var i = 0; i < y.Length; i++)
                    {
                        if (!double.IsFinite(y[i])) throw new CalibrationException(CalibrationFailure.NonFiniteInput, $"{where}: sample {i} is {y[i]}");
                        if (!(y[i] > 0)) throw new CalibrationException(CalibrationFailure.OutOfDomain, $"{where}: sample {i} is {y[i]}; durations must be > 0");
                        y[i] *= toNs;
                    }
                    var min = y.Min();
                    return new FwqCoreTrace(s.Name, y.Length, min, y.Average(), [.. y.Select(v => v - min).Where(excess => excess > threshold)]);
                }).ToImmutableArray();
                var trace = new FwqTraceData($"{host} fwq", threshold, cores);
                var fit = NoiseFit.FromTrace(trace, nextSeed++, $"measured detours ({host})");
                noise = fit.Profile;
                foreach (var key in osProv.Keys.Where(k => k.StartsWith("$.noise.", StringComparison.Ordinal)).ToArray()) osProv.Remove(key);
                var seriesLabel = string.Join(",", coreSeries.Select(s => s.Name));
                foreach (var e in fit.Estimates)
                {
                    var path = e.Name == "ratePerSecond" ? "noise.sources[0].ratePerSecond" : $"noise.sources[0].duration.{e.Name}";
                    var named = e with { Name = path };
                    estimates.Add(named);
                    if (fit.Profile.Sources.Length > 0) osProv["$." + path] = Provenance("fwq", seriesLabel, named);
                }
                if (fit.Profile.Sources.Length == 0) notes.Add("noise: the fwq trace has no detour above the threshold; the calibrated OS has no noise source");
            }
            catch (CalibrationException ex)
            {
                Keep(parameter, $"fwq could not be fitted ({ex.Reason}): {ex.Message}");
            }
        }

        private string Provenance(string benchmark, string series, ParameterEstimate e) => string.Create(CultureInfo.InvariantCulture,
            $"measured: {host} {date}, {benchmark}/{series}, {e.Method}, 95% CI [{e.Lower95:G4}, {e.Upper95:G4}] {e.Unit}");

        private static string Where(string benchmark, Series s) => $"{benchmark}/{s.Name}";
    }
}
