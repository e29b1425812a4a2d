using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using PerfModel.Calibration.Fitting;

namespace PerfModel.Calibration.Published;

/// <summary>
/// The fitted fields of the default platform (Oakforest-PACS, Xeon Phi 7250) from the published measurements in a
/// measurements directory: the memory tiers' bandwidths and the per-core zeroing rate from STREAM triad
/// (<see cref="BandwidthSaturationFit"/>), the TLB levels from CPUID leaf 2 (<see cref="CpuidLeaf2"/>), and LogGP L, o and
/// G of Omni-Path (<see cref="LogGpFit"/>, with the assumption <c>knlOverheadFactor</c>), and the run-to-run σ of
/// communication (<see cref="NetworkRunVariationFit"/>). Every field's provenance names
/// the file and the method, and its 95% interval is written as the field's range.
/// </summary>
public static class PublishedPlatform
{
    /// <summary>The files of the measurements directory it reads.</summary>
    public static readonly ImmutableArray<string> Inputs =
    [
        "knl7250_stream_triad_karlrupp_mcdram.dat", "knl7250_stream_triad_karlrupp_ddr4.dat", "knl_cpuid_leaf2.csv",
        "osu_performance_study/osu_latency-64-cpu-dataframe.csv", "osu_performance_study/osu_latency-128-cpu-dataframe.csv",
        "osu_performance_study/osu_latency-256-cpu-dataframe.csv", "opa_osu_mbw_mr_lanl_figures.csv",
        "osu_performance_study/osu_allreduce-64-cpu-dataframe.csv", "osu_performance_study/osu_allreduce-128-cpu-dataframe.csv",
        "osu_performance_study/osu_allreduce-256-cpu-dataframe.csv",
    ];

    /// <summary>Cores the application uses on a node (P18 Sec. III-A): the STREAM points beyond them (SMT oversubscription)
    /// are not fitted.</summary>
    public const int AppCores = 64;

    /// <summary>Bootstrap resamples of every fit.</summary>
    public const int Resamples = 1000;

    /// <summary>The fitted fields (paths of the platform profile) and the fits' estimates, from the files in
    /// <paramref name="measuredDir"/> (<see cref="Inputs"/>), with bootstrap seed <paramref name="seed"/>.</summary>
    /// <exception cref="PublishedDataException">A file is missing or malformed.</exception>
    public static PublishedPlatformFit Fit(string measuredDir, ImportAssumptions assumptions, int seed)
    {
        ArgumentNullException.ThrowIfNull(measuredDir);
        ArgumentNullException.ThrowIfNull(assumptions);
        string In(string name) => Path.Combine(measuredDir, name);
        var fields = ImmutableArray.CreateBuilder<TemplateField>();
        var fits = ImmutableArray.CreateBuilder<PublishedFit>();

        // Memory tiers: MCDRAM is the template's first tier, DDR4 its second.
        var tiers = new[] { ("MCDRAM", "knl7250_stream_triad_karlrupp_mcdram.dat", 0), ("DDR4", "knl7250_stream_triad_karlrupp_ddr4.dat", 1) };
        BandwidthSaturationFitResult? mcdram = null;
        var memory = ImmutableArray.CreateBuilder<TierFit>();
        foreach (var (name, file, index) in tiers)
        {
            var table = StreamTriadTable.Load(In(file));
            var fit = BandwidthSaturationFit.Fit(table.Tiers[0].Points, AppCores, seed, Resamples);
            mcdram ??= fit;
            memory.Add(new TierFit(name, $"data/measured/{file}", fit));
            var b = fit.SaturatedBandwidth;
            var method = string.Create(CultureInfo.InvariantCulture,
                $"data/measured/{file}: STREAM triad vs threads 1-{AppCores} on a 68-core KNL (K. Rupp), saturation fit b(n) = min(beta n, B) by least squares on log rates, B = {b.Value / 1e9:F1} GB/s [{b.Lower95 / 1e9:F1}, {b.Upper95 / 1e9:F1}] (95%, {Resamples} bootstrap resamples, seed {seed}), knee {fit.Knee.Value:F1} cores, R2 {fit.Fit.RSquared:F3}, rms relative residual {fit.Fit.RmsRelativeResidual:P1}; 128 and 256 threads (SMT) not fitted");
            var path = $"$.memoryTiers[{index}].bandwidthBytesPerSecond";
            fields.Add(new TemplateField(path, ProfileTemplate.Quantity(b.Value, method, b.Lower95, b.Upper95)));
            fits.Add(new PublishedFit("platform", path, b with { Name = $"{name} saturated bandwidth" }, method));
            fits.Add(new PublishedFit("platform", null, fit.PerCoreBandwidth with { Name = $"{name} per-core bandwidth" }, method));
            fits.Add(new PublishedFit("platform", null, fit.Knee with { Name = $"{name} knee" }, method));
        }

        // Zeroing: one core's share below the knee, MCDRAM (where the heap's pages are zeroed by default).
        var beta = mcdram!.PerCoreBandwidth;
        var zeroing = string.Create(CultureInfo.InvariantCulture,
            $"data/measured/knl7250_stream_triad_karlrupp_mcdram.dat: per-core bandwidth beta of the MCDRAM saturation fit (the slope below the knee), {beta.Value / 1e9:F2} GB/s [{beta.Lower95 / 1e9:F2}, {beta.Upper95 / 1e9:F2}] (95%, {Resamples} bootstrap resamples, seed {seed}): one core writing zeros streams at about one core's triad rate");
        fields.Add(new TemplateField("$.kernel.zeroingBytesPerSecondPerCore", ProfileTemplate.Quantity(beta.Value, zeroing, beta.Lower95, beta.Upper95)));
        fits.Add(new PublishedFit("platform", "$.kernel.zeroingBytesPerSecondPerCore", beta with { Name = "zeroing rate per core" }, zeroing));

        // TLB levels: exact counts from the descriptors.
        var cpuid = CpuidLeaf2.Load(In("knl_cpuid_leaf2.csv"));
        var levels = new JsonArray();
        foreach (var t in cpuid.Tlbs.Where(t => t.Kind != TlbKind.Instruction))
            foreach (var page in t.PageSizes.Where(p => p != Units.ByteSize.FromMiB(4)))
            {
                var what = string.Create(CultureInfo.InvariantCulture,
                    $"data/measured/knl_cpuid_leaf2.csv: CPUID leaf 2 descriptor 0x{t.Descriptor:X2} (Intel SDM Vol. 2 Table 3-12: {t.Description})");
                levels.Add(new JsonObject
                {
                    ["level"] = ProfileTemplate.Quantity(t.Level, what),
                    ["pageSizeBytes"] = ProfileTemplate.Quantity(page.Bytes, what),
                    ["entries"] = ProfileTemplate.Quantity(t.Entries, what),
                });
            }
        fields.Add(new TemplateField("$.tlb", levels));

        // Interconnect: LogGP of Omni-Path on Xeon hosts, o scaled to the KNL core.
        var factor = assumptions["knlOverheadFactor"];
        var latency = new[] { 64, 128, 256 }.Select(n => OsuDataFrame.Load(In($"osu_performance_study/osu_latency-{n}-cpu-dataframe.csv"))).ToArray();
        var rate = OsuMbwMrTable.Load(In("opa_osu_mbw_mr_lanl_figures.csv"));
        var net = LogGpFit.Fit(latency, rate, new LogGpFitOptions { Env = "dane", HostCpu = "Intel Xeon (LLNL dane)", KnlOverheadFactor = factor.Value }, seed, Resamples);
        var common = string.Create(CultureInfo.InvariantCulture,
            $"LogGP fit (LogGpFit, {net.Runs} node pairs of LLNL dane, Omni-Path on Xeon hosts, data/measured/osu_performance_study/osu_latency-{{64,128,256}}-cpu-dataframe.csv; o from the osu_mbw_mr message rate, data/measured/opa_osu_mbw_mr_lanl_figures.csv; {Resamples} bootstrap resamples, seed {seed})");
        void Net(string path, ParameterEstimate e, string what)
        {
            var text = $"{what}; {common}";
            fields.Add(new TemplateField(path, ProfileTemplate.Quantity(e.Value, text, e.Lower95, e.Upper95)));
            fits.Add(new PublishedFit("platform", path, e, text));
        }
        Net("$.network.latencySeconds", net.Latency with { Name = "LogGP L" },
            string.Create(CultureInfo.InvariantCulture, $"L = (L + 2o) - 2o on the hosts = {net.Latency.Value * 1e6:F3} us: wire, switch and NIC, the same for KNL hosts"));
        Net("$.network.overheadSeconds", net.Overhead with { Name = "LogGP o (KNL)" },
            string.Create(CultureInfo.InvariantCulture, $"o = knlOverheadFactor {factor.Value:G3} (data/templates/assumptions.json) x the hosts' o {net.HostOverhead.Value * 1e6:F3} us"));
        Net("$.network.gapPerByteSeconds", net.GapPerByte with { Name = "LogGP G" },
            string.Create(CultureInfo.InvariantCulture, $"G = 1 / the Omni-Path osu_mbw_mr peak, {1 / net.GapPerByte.Value / 1e9:F2} GB/s"));

        // Run-to-run variation: the persistent part of the dane 8 B allreduce's run-to-run spread.
        var allreduce = new[] { 64, 128, 256 }.Select(n => OsuDataFrame.Load(In($"osu_performance_study/osu_allreduce-{n}-cpu-dataframe.csv"))).ToArray();
        var variation = NetworkRunVariationFit.Fit(allreduce, latency, "dane", seed, Resamples);
        var p = variation.Persistent;
        var perNodes = string.Join(", ", variation.PerNodeCount.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.PersistentLogSd:F3} at {n.Nodes} nodes ({n.Runs} runs)")));
        var runToRun = string.Create(CultureInfo.InvariantCulture,
            $"data/measured/osu_performance_study/osu_allreduce-{{64,128,256}}-cpu-dataframe.csv (LLNL dane, Omni-Path, Xeon hosts): sigma of ln t per run that 8 B and 4 B share = sqrt(pooled covariance over runs of ln t(8 B), ln t(4 B)) = {p.Value:F3} [{p.Lower95:F3}, {p.Upper95:F3}] (95%, {Resamples} bootstrap resamples over runs within each node count, seed {seed}; {perNodes}); all of the 8 B run-to-run sd, {variation.Total.Value:F3}, bounds it (NetworkRunVariationFit, docs/sources.md#network-run-variation); assumed to hold for Oakforest-PACS's Omni-Path with KNL hosts (the same network, other hosts and other traffic)");
        fields.Add(new TemplateField("$.network.runToRunLogSd", ProfileTemplate.Quantity(p.Value, runToRun, p.Lower95, p.Upper95)));
        fits.Add(new PublishedFit("platform", "$.network.runToRunLogSd", p with { Name = "run-to-run log-sd of communication" }, runToRun));
        fits.Add(new PublishedFit("platform", null, variation.Total with { Name = "8 B allreduce run-to-run log-sd (all of it)" }, variation.Total.Method));
        fits.Add(new PublishedFit("platform", null, variation.PairLogSd with { Name = "8 B osu_latency node-pair log-sd" }, variation.PairLogSd.Method));
        return new PublishedPlatformFit(fields.ToImmutable(), fits.ToImmutable(), memory.ToImmutable(), net) { RunVariation = variation };
    }
}
