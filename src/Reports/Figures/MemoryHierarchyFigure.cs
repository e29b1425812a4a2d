using System.Collections.Immutable;
using Plotly.NET;
using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Reports.Content;
using Figure = PerfModel.Reports.Content.Figure;

namespace PerfModel.Reports.Figures;

/// <summary>
/// memory-hierarchy: the two memory mechanisms of the model on the platform, side by side.
/// <list type="bullet">
/// <item>(a) Effective per-rank bandwidth (<see cref="MemoryPlacementModel"/>) versus per-rank footprint, 16 MiB … 8 GiB, with the
/// platform's application cores as ranks per node, for each default OS's placement policy (Linux hbm-if-fits-else-ddr,
/// mOS per-rank-split, McKernel demand-paging-fallback). The footprint is taken as one large mapping, so mOS's allocation
/// granule is its mapping page size (<see cref="PageMix.MappingGranule"/>). A dotted line marks each rank's MCDRAM share.</item>
/// <item>(b) TLB time per random cache-line access (<see cref="TlbReachModel"/>) versus footprint for a footprint on a single
/// page size (4 KiB, 2 MiB, 1 GiB: the sizes of the platform's TLBs), each drawn from one page up; dashed lines mark
/// the reach (entries x page size) of every TLB structure, dotted for the first level.</item>
/// </list>
/// The tidy table is long: one row per plotted point or reference line, with a <c>metric</c> column whose name carries the
/// unit (effective_bandwidth_gb_per_s, tlb_time_ns_per_access, hbm_share_per_rank_mib, tlb_reach_mib).
/// </summary>
public static class MemoryHierarchyFigure
{
    /// <summary>File stem of the figure.</summary>
    public const string Name = "memory-hierarchy";

    private const double MiB = 1024.0 * 1024;
    private const double GiB = 1024 * MiB;
    private static readonly ImmutableArray<(double Page, string Label, string Colour)> PageStyles =
    [
        (4096, "4 KiB pages", "#8c564b"),
        (2 * MiB, "2 MiB pages", "#9467bd"),
        (GiB, "1 GiB pages", "#2ca02c"),
    ];

    /// <summary>The figure for the report (<see cref="Build(Study)"/> of its study).</summary>
    public static Figure Build(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Build(data.Study);
    }

    /// <summary>The figure for a study: its platform and the placement and page policies of its OSes.</summary>
    public static Figure Build(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        string Display(string os) => OsStyle.Display(os, study.Os[os].DisplayName);
        string Colour(string os) => OsStyle.Colour(os, study.Oses.Select(o => o.Name));
        var platform = study.Platform;
        var ranks = platform.AppCoresPerNode;
        var panels = Panel.Grid(1, 2, 2, 0.09, 0);
        var (a, b) = (panels[0], panels[1]);
        var traces = new List<Trace>();
        var rows = new List<Row>();
        var shapes = new List<Plotly.NET.LayoutObjects.Shape>();
        var annotations = new List<Plotly.NET.LayoutObjects.Annotation>
        {
            PlotlyKit.PanelTitle(a, $"(a) MCDRAM/DDR4 placement, {ranks} ranks per node"),
            PlotlyKit.PanelTitle(b, "(b) TLB cost of a random access vs. page size"),
        };

        // (a) placement
        var breaks = new List<double>();
        foreach (var os in study.Oses)
        {
            if (platform.Hbm is { } hbm) breaks.AddRange([os.Placement.HbmUsableFraction * hbm.Capacity.Bytes / ranks, os.Placement.HbmUsableFraction * hbm.Capacity.Bytes / ranks * 1.002]);
            if (os.Pages.MappingPage.Bytes > PageSizes.Huge.Bytes) breaks.AddRange([os.Pages.MappingPage.Bytes * 0.998, os.Pages.MappingPage.Bytes]);
        }
        var (lowA, highA) = (16 * MiB, 8 * GiB);
        var footprintsA = Enumerable.Range(0, 37).Select(k => lowA * Math.Pow(2, k / 4.0)).Concat(breaks.Where(f => f >= lowA && f <= highA))
            .Select(f => Math.Round(f)).Distinct().Order().ToArray();
        foreach (var os in study.Oses)
        {
            var bw = footprintsA.Select(f => MemoryPlacementModel.Evaluate(platform, os.Placement, ByteSize.FromBytes(f), ByteSize.FromBytes(1), ranks,
                PageMix.MappingGranule(os, ByteSize.FromBytes(f))).EffectiveBandwidthPerRank.BytesPerSecond / 1e9).ToArray();
            var series = $"{Display(os.Name)}: {PolicyName(os.Placement.Policy)}";
            rows.AddRange(footprintsA.Zip(bw, (f, v) => new Row("a", series, os.Name, f / MiB, "effective_bandwidth_gb_per_s", v)));
            var dash = os.Placement.Policy switch { PlacementPolicy.HbmIfFitsElseDdr or PlacementPolicy.DdrOnly => "solid", PlacementPolicy.DemandPagingFallback => "dash", _ => "dot" };
            var trace = PlotlyKit.Scatter(new SeriesStyle(series, os.Name, Colour(os.Name), ShowLegend: true, Dash: dash), a,
                footprintsA.Select(f => f / MiB).ToArray(), bw, mode: "lines", markerSize: 4);
            trace.SetProperty("line", LineStyle(Colour(os.Name), dash, 2.5));
            traces.Add(PlotlyKit.WithHover(trace, $"{series}<br>%{{x:.4g}} MiB per rank: %{{y:.3f}} GB/s"));
        }
        if (platform.Hbm is { } tier)
            foreach (var share in study.Oses.Select(o => o.Placement.HbmUsableFraction * tier.Capacity.Bytes / ranks).Distinct())
            {
                rows.Add(new Row("a", $"{tier.Name} share per rank", "none", share / MiB, "hbm_share_per_rank_mib", share / MiB));
                shapes.Add(PlotlyKit.VerticalLine(a, share / MiB, "#999999", "dot"));
                annotations.Add(PlotlyKit.Text($"{tier.Name} share<br>per rank: {Captions.Fixed(share / MiB, "0")} MiB", a.XId, a.YId + " domain",
                    Math.Log10(share / MiB), 0.55, xAnchor: "right", size: 10, xShift: -4, align: "right"));
            }

        // (b) TLB
        var (lowB, highB) = (64 * 1024.0, 64 * GiB);
        var footprintsB = Enumerable.Range(0, 81).Select(k => lowB * Math.Pow(2, k / 4.0)).ToArray();
        var pageSizes = platform.Tlb.Select(t => t.PageSize.Bytes).Distinct().Order().ToArray();
        foreach (var page in pageSizes)
        {
            var (label, colour) = PageStyle(page);
            var fs = footprintsB.Where(f => f >= page * 0.999).ToArray();
            var ns = fs.Select(f => TlbReachModel.Evaluate(platform, [new PageShare(ByteSize.FromBytes(page), ByteSize.FromBytes(f))], 1, ByteSize.Zero).PerIteration.Seconds * 1e9).ToArray();
            rows.AddRange(fs.Zip(ns, (f, v) => new Row("b", label, "none", f / MiB, "tlb_time_ns_per_access", v)));
            var trace = PlotlyKit.Scatter(new SeriesStyle(label, "page-" + PageSizes.Label(ByteSize.FromBytes(page)), colour, ShowLegend: true), b, fs.Select(f => f / MiB).ToArray(), ns,
                mode: "lines", markerSize: 4);
            traces.Add(PlotlyKit.WithHover(trace, $"{label}<br>footprint %{{x:.4g}} MiB: %{{y:.2f}} ns per random access"));
        }
        foreach (var level in platform.Tlb.OrderBy(t => t.Reach.Bytes))
        {
            var (_, colour) = PageStyle(level.PageSize.Bytes);
            var name = $"L{level.Level} {PageSizes.Label(level.PageSize)} TLB reach";
            rows.Add(new Row("b", name, "none", level.Reach.Bytes / MiB, "tlb_reach_mib", level.Reach.Bytes / MiB));
            shapes.Add(PlotlyKit.VerticalLine(b, level.Reach.Bytes / MiB, colour, level.Level == 1 ? "dot" : "dash"));
            annotations.Add(PlotlyKit.Text($"L{level.Level} {PageSizes.Label(level.PageSize)}: {Human(level.Reach.Bytes)}", b.XId, b.YId + " domain",
                Math.Log10(level.Reach.Bytes / MiB), 0.99, xAnchor: "right", yAnchor: "top", size: 10, colour: colour, angle: -90, xShift: -2));
        }

        var xa = Footprint(PlotlyKit.Axis(a, isX: true, "footprint per rank (log scale)"), lowA, highA);
        var ya = PlotlyKit.Axis(a, isX: false, "effective bandwidth per rank [GB/s]");
        ya.SetProperty("rangemode", "tozero");
        var xb = Footprint(PlotlyKit.Axis(b, isX: true, "footprint (log scale)"), lowB, highB);
        var yb = PlotlyKit.Axis(b, isX: false, "TLB time per random access [ns]");
        yb.SetProperty("rangemode", "tozero");
        var layout = PlotlyKit.BaseLayout(1100, 650, top: 80, bottom: 60);
        PlotlyKit.SetAxes(layout, [(a, xa, ya), (b, xb, yb)]);
        layout.SetProperty("legend", PlotlyKit.Legend(0, 1.09, yAnchor: "bottom", horizontal: true));
        layout.SetProperty("showlegend", true);
        layout.SetProperty("annotations", annotations.ToArray());
        layout.SetProperty("shapes", shapes.ToArray());

        var frame = Frames.Of(
            Frames.Text("panel", rows, r => r.Panel),
            Frames.Text("series", rows, r => r.Series),
            Frames.Text("os", rows, r => r.Os),
            Frames.Number("footprint_mib", rows, r => r.FootprintMiB),
            Frames.Text("metric", rows, r => r.Metric),
            Frames.Number("value", rows, r => r.Value));
        return new Figure(Name, "Memory hierarchy: MCDRAM/DDR4 placement and TLB reach", Caption(study, ranks, rows, Display),
            PlotlyKit.Assemble(traces, layout), frame, traces.Count);
    }

    private static Plotly.NET.Line LineStyle(string colour, string dash, double width)
    {
        var line = new Plotly.NET.Line();
        line.SetProperty("color", colour);
        line.SetProperty("dash", dash);
        line.SetProperty("width", width);
        return line;
    }

    /// <summary>The policy's profile spelling: HbmIfFitsElseDdr → "hbm-if-fits-else-ddr".</summary>
    public static string PolicyName(PlacementPolicy policy) => Formats.PredictionTable.Kebab(policy.ToString());

    private static (string Label, string Colour) PageStyle(double page)
    {
        foreach (var (p, label, colour) in PageStyles)
            if (p == page) return (label, colour);
        return ($"{PageSizes.Label(ByteSize.FromBytes(page))} pages", "#7f7f7f");
    }

    private static string Human(double bytes) => bytes >= GiB ? $"{Captions.Fixed(bytes / GiB, "0.#")} GiB" : bytes >= MiB ? $"{Captions.Fixed(bytes / MiB, "0.#")} MiB" : $"{Captions.Fixed(bytes / 1024, "0.#")} KiB";

    /// <summary>Log footprint axis in MiB with a tick at every power of four, labelled in KiB/MiB/GiB.</summary>
    private static Plotly.NET.LayoutObjects.LinearAxis Footprint(Plotly.NET.LayoutObjects.LinearAxis ax, double low, double high)
    {
        var ticks = new List<double>();
        for (var v = low; v <= high * 1.0001; v *= 4) ticks.Add(v);
        return PlotlyKit.LogTicks(ax, ticks.Select(t => t / MiB).ToArray(), ticks.Select(Human).ToArray(), low / MiB / 1.25, high / MiB * 1.25);
    }

    private static string Caption(Study study, int ranks, IReadOnlyList<Row> rows, Func<string, string> display)
    {
        var platform = study.Platform;
        var text = $"(a) Bandwidth each of {ranks} ranks per node sees from the model's MCDRAM/DDR4 placement as its footprint grows";
        if (platform.Hbm is { } hbm)
        {
            text += $" ({hbm.Name}: {Captions.Fixed(hbm.Capacity.Bytes / GiB, "0.#")} GiB at {Captions.Fixed(hbm.Bandwidth.BytesPerSecond / 1e9, "0.#")} GB/s per node; " +
                    $"{platform.Ddr.Name}: {Captions.Fixed(platform.Ddr.Bandwidth.BytesPerSecond / 1e9, "0.#")} GB/s). ";
            var share = rows.Where(r => r.Metric == "hbm_share_per_rank_mib").Select(r => r.Value).DefaultIfEmpty(0).Min();
            var bw = rows.Where(r => r.Metric == "effective_bandwidth_gb_per_s").ToArray();
            string At(double probe)
            {
                var f = bw.Select(r => r.FootprintMiB).Where(x => x >= probe).DefaultIfEmpty(bw.Max(r => r.FootprintMiB)).Min();
                return $"at {Human(f * MiB)} per rank " + string.Join(", ", bw.Where(r => r.FootprintMiB == f).Select(r => $"{display(r.Os)} {Captions.Fixed(r.Value, "0.00")} GB/s"));
            }
            var full = bw.Max(r => r.Value);
            text += $"Every policy gets the full MCDRAM bandwidth ({Captions.Fixed(full, "0.00")} GB/s per rank) while a rank's footprint fits its " +
                    $"{Captions.Fixed(share, "0")} MiB share; beyond it, {At(512)}; {At(2048)}. Linux (SNC-4, one preferred MCDRAM domain) drops to DDR4 " +
                    "all at once; McKernel and mOS keep the part that fits, less a spill penalty because the bytes placed in MCDRAM first are not the hottest. " +
                    "mOS maps only physically contiguous memory, so a mapping that does not fit the rest of a rank's share goes to DDR4 whole and strands " +
                    "on average half an allocation granule; once the mapping uses 1 GiB pages, half a granule exceeds the whole share. ";
        }
        else text += " (the platform has no HBM, so every policy sees DDR bandwidth). ";
        var tlb = rows.Where(r => r.Metric == "tlb_time_ns_per_access").ToArray();
        var largest = tlb.Select(r => r.FootprintMiB).DefaultIfEmpty(0).Max();
        text += "(b) TLB time per random cache-line access for a footprint on one page size, from the platform's TLB levels (" +
                string.Join(", ", platform.Tlb.Select(t => $"L{t.Level} {t.Entries} x {PageSizes.Label(t.PageSize)}")) +
                "); a dashed line marks each structure's reach. Past the reach almost every access walks the page table; at " +
                $"{Captions.Fixed(largest / 1024, "0")} GiB " + string.Join(", ", tlb.Where(r => r.FootprintMiB == largest).Select(r => $"{r.Series} cost {Captions.Fixed(r.Value, "0.0")} ns")) +
                ". Large pages are why the LWKs spend less time in the TLB in the attribution figure.";
        return text;
    }

    private sealed record Row(string Panel, string Series, string Os, double FootprintMiB, string Metric, double Value);
}
