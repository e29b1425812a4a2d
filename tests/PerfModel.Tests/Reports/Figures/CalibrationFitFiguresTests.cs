using System.Globalization;
using System.Text.Json;
using PerfModel.Reports.Figures;
using static PerfModel.Tests.Reports.Figures.ReportFiguresFixture;

namespace PerfModel.Tests.Reports.Figures;

/// <summary>The goodness-of-fit figures of the published-defaults calibration: each trace holds the measured data and the
/// fit, checked against the data files and against the fitted formulas computed here.</summary>
[Collection(CalibrationFitCollection.Name)]
public sealed class CalibrationFitFiguresTests(CalibrationFitFixture fx)
{
    private const string Memory = CalibrationFitFigures.MemoryTiersName;
    private const string Network = CalibrationFitFigures.InterconnectName;
    private const string Noise = CalibrationFitFigures.NoiseClassesName;

    [Fact]
    public void Create_gives_the_three_figures_in_name_order_with_titles_and_captions()
    {
        Assert.Equal(["calibration-memory-tiers", "calibration-interconnect", "calibration-noise-classes"], CalibrationFitFigures.Names);
        Assert.Equal(CalibrationFitFigures.Names, fx.Figures.Select(f => f.Name));
        Assert.All(fx.Figures, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Title));
            Assert.False(string.IsNullOrWhiteSpace(f.Caption));
        });
        // four traces per memory tier, three for the interconnect, per noise fit a chosen and an other-family trace plus y = x per class
        Assert.Equal(4 * fx.Result.Platform.Memory.Length, fx.Traces(Memory).Length);
        Assert.Equal(3, fx.Traces(Network).Length);
        var classes = fx.Result.NoiseClasses.All;
        Assert.Equal(classes.Sum(c => c.Fits.Sum(f => f.Candidates.Length)) + classes.Length, fx.Traces(Noise).Length);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ru-RU")]
    public void Figures_are_deterministic_and_do_not_depend_on_the_culture(string culture)
    {
        string[] again;
        using (new CultureScope(culture))
            again = [.. CalibrationFitFigures.Create(fx.Result).Select(f => Plotly.NET.GenericChart.toFigureJson(f.Chart))];
        Assert.Equal(fx.Figures.Select(f => Plotly.NET.GenericChart.toFigureJson(f.Chart)), again);
    }

    [Fact]
    public void Memory_figure_draws_the_stream_points_of_each_file_and_min_beta_n_b_at_them()
    {
        var tiers = fx.Result.Platform.Memory;
        Assert.Equal(["MCDRAM", "DDR4"], tiers.Select(t => t.Tier));
        foreach (var tier in tiers)
        {
            // The STREAM file itself: "threads  MB/s" rows; the fit uses the thread counts up to the application's 64 cores.
            var rows = File.ReadAllLines(Path.Combine(RepoPaths.DataDir, "..", tier.File)) // tier.File is relative to the repository
                .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
                .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                .Select(p => (Threads: double.Parse(p[0], CultureInfo.InvariantCulture), GBps: double.Parse(p[1], CultureInfo.InvariantCulture) / 1000))
                .ToArray();
            Assert.Contains(rows, r => r.Threads > 64); // 128 and 256 threads (SMT) are in the file but not drawn
            var used = rows.Where(r => r.Threads <= 64).ToArray();

            var measured = fx.Trace(Memory, $"{tier.Tier} measured");
            Assert.Equal("markers", Str(measured, "mode"));
            Assert.Equal(used.Select(r => r.Threads), Numbers(measured, "x"));
            AssertClose(used.Select(r => r.GBps), Numbers(measured, "y"), 1e-12);

            var beta = tier.Fit.PerCoreBandwidth.Value;
            var b = tier.Fit.SaturatedBandwidth.Value;
            var fit = fx.Trace(Memory, $"{tier.Tier} fit min(βn, B)");
            var fitX = Numbers(fit, "x");
            Assert.Subset(fitX.ToHashSet(), used.Select(r => r.Threads).ToHashSet());
            Assert.Contains(b / beta, fitX); // the knee, where the line turns
            Assert.Equal(fitX.Order(), fitX);
            AssertClose(fitX.Select(n => Math.Min(beta * n, b) / 1e9), Numbers(fit, "y"), 1e-12);

            var knee = fx.Trace(Memory, $"{tier.Tier} knee n* = B/β (95% CI of B, n*)");
            Assert.Equal([tier.Fit.Knee.Value], Numbers(knee, "x"));
            AssertClose([b / 1e9], Numbers(knee, "y"), 1e-12);
            AssertClose([(tier.Fit.SaturatedBandwidth.Upper95 - b) / 1e9], Numbers(knee, "error_y.array"), 1e-12);
            AssertClose([(b - tier.Fit.SaturatedBandwidth.Lower95) / 1e9], Numbers(knee, "error_y.arrayminus"), 1e-12);
            AssertClose([tier.Fit.Knee.Upper95 - tier.Fit.Knee.Value], Numbers(knee, "error_x.array"), 1e-12);

            var residual = fx.Trace(Memory, $"{tier.Tier} residual");
            Assert.Equal(used.Select(r => r.Threads), Numbers(residual, "x"));
            AssertClose(used.Select(r => 100 * (r.GBps - Math.Min(beta * r.Threads, b) / 1e9) / r.GBps), Numbers(residual, "y"), 1e-9, absolute: true);
            Assert.NotEqual(Str(fit, "yaxis"), Str(residual, "yaxis"));

            // the title states β, B and the knee with their intervals
            var title = fx.Layout(Memory).GetProperty("title").GetProperty("text").GetString()!;
            Assert.Contains($"<b>{tier.Tier}</b>: β = {G1(beta / 1e9)} GB/s per core [{G1(tier.Fit.PerCoreBandwidth.Lower95 / 1e9)}, {G1(tier.Fit.PerCoreBandwidth.Upper95 / 1e9)}], "
                            + $"B = {G1(b / 1e9)} GB/s [{G1(tier.Fit.SaturatedBandwidth.Lower95 / 1e9)}, {G1(tier.Fit.SaturatedBandwidth.Upper95 / 1e9)}], "
                            + $"knee n* = {G1(tier.Fit.Knee.Value)} cores", title);
        }
        var top = fx.Trace(Memory, "MCDRAM measured");
        Assert.Equal("log", fx.AxisOf(Memory, top, 'x').GetProperty("type").GetString());
        Assert.Equal("log", fx.AxisOf(Memory, top, 'y').GetProperty("type").GetString());
        Assert.Contains(fx.Annotations(Memory), a => a.GetProperty("text").GetString()!.StartsWith("not fitted: 128, 256 threads", StringComparison.Ordinal));
    }

    [Fact]
    public void Interconnect_figure_draws_the_median_latency_against_l_plus_2o_plus_m_minus_1_g()
    {
        var net = fx.Result.Platform.Network;
        var sizes = net.Residuals.Select(r => (double)r.SizeBytes).ToArray();
        Assert.True(sizes.Length >= 20);
        Assert.Equal(1, sizes[0]);

        var measured = fx.Trace(Network, $"median measured latency ({net.Runs} runs)");
        Assert.Equal(sizes, Numbers(measured, "x"));
        AssertClose(net.Residuals.Select(r => r.MeasuredSeconds * 1e6), Numbers(measured, "y"), 1e-12);

        var (l2o, g) = (net.HostLatencyPlusTwoOverhead.Value, net.HostGapPerByte.Value);
        var line = fx.Trace(Network, "LogGP L + 2o + (m − 1)G");
        Assert.Equal("lines", Str(line, "mode"));
        Assert.Equal(sizes, Numbers(line, "x"));
        AssertClose(sizes.Select(m => (l2o + (m - 1) * g) * 1e6), Numbers(line, "y"), 1e-12);

        var residual = fx.Trace(Network, "residual");
        var medians = net.Residuals.Select(r => r.MeasuredSeconds).ToArray();
        AssertClose(sizes.Select((m, i) => 100 * (medians[i] - (l2o + (m - 1) * g)) / medians[i]), Numbers(residual, "y"), 1e-9, absolute: true);

        foreach (var letter in new[] { 'x', 'y' }) Assert.Equal("log", fx.AxisOf(Network, measured, letter).GetProperty("type").GetString());
        var note = Assert.Single(fx.Annotations(Network)).GetProperty("text").GetString()!;
        Assert.Contains($"L + 2o = {(l2o * 1e6).ToString("0.000", CultureInfo.InvariantCulture)} µs", note);
        var rms = Math.Sqrt(sizes.Select((m, i) => Math.Pow((medians[i] - (l2o + (m - 1) * g)) / medians[i], 2)).Average());
        Assert.Contains($"residuals over {sizes.Length} sizes: rms {(100 * rms).ToString("0.0", CultureInfo.InvariantCulture)}%", note);
    }

    [Fact]
    public void Noise_figure_has_a_qq_panel_per_class_with_the_fitted_quantiles_against_the_published_ones()
    {
        var classes = fx.Result.NoiseClasses.All;
        var traces = fx.Traces(Noise);
        var panels = traces.Select(t => Str(t, "xaxis")).Distinct().ToArray();
        Assert.Equal(classes.Length, panels.Length);
        var titles = fx.Annotations(Noise).Select(a => a.GetProperty("text").GetString()).ToArray();
        var fitIndex = 0;
        for (var c = 0; c < classes.Length; c++)
        {
            var panel = traces.Where(t => Str(t, "xaxis") == panels[c]).ToArray();
            Assert.Contains("<b>" + classes[c].Name + "</b>", titles);
            foreach (var fit in classes[c].Fits)
            {
                var group = "fit-" + fitIndex++;
                var chosen = panel.Single(t => Str(t, "legendgroup") == group);
                Assert.StartsWith($"{classes[c].Name}: {fit.Chosen.Family}", Str(chosen, "name"));
                var errors = fit.Chosen.Errors;
                AssertClose(errors.Select(e => e.ObservedSeconds * 1e6), Numbers(chosen, "x"), 1e-12);
                // y is the fitted distribution itself: its quantile at each point's level, its mean for a published mean
                var d = fit.Chosen.Duration;
                AssertClose(errors.Select(e => (e.Level is { } u ? d.Quantile(u) : d.MeanSeconds) * 1e6), Numbers(chosen, "y"), 1e-6);
                var symbols = chosen.GetProperty("marker").GetProperty("symbol").EnumerateArray().Select(s => s.GetString()).ToArray();
                Assert.Equal(errors.Select(e => e.Level is null ? "diamond" : e.Label == "max" ? "triangle-up" : "circle"), symbols);
            }
            var others = panel.Where(t => Str(t, "legendgroup") == "other-family").ToArray();
            Assert.Equal(classes[c].Fits.Sum(f => f.Candidates.Length - 1), others.Length);
            var identity = panel.Single(t => Str(t, "legendgroup") == "identity");
            Assert.Equal(Numbers(identity, "x"), Numbers(identity, "y"));
            // y = x spans every point of the panel, on equal log axes
            var all = panel.Where(t => t.GetProperty("mode").GetString() == "markers").SelectMany(t => Numbers(t, "x").Concat(Numbers(t, "y"))).ToArray();
            Assert.True(Numbers(identity, "x").Min() < all.Min() && Numbers(identity, "x").Max() > all.Max());
            var (xAxis, yAxis) = (fx.AxisOf(Noise, identity, 'x'), fx.AxisOf(Noise, identity, 'y'));
            Assert.Equal("log", xAxis.GetProperty("type").GetString());
            Assert.Equal(xAxis.GetProperty("range").ToString(), yAxis.GetProperty("range").ToString());
        }
        Assert.Equal(classes.Sum(c => c.Fits.Length), fitIndex);
        // the housekeeping class has two fits (tick body and daemon tail), the others one
        Assert.Equal([1, 1, 2, 1], classes.Select(c => c.Fits.Length));
    }

    private static string G1(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    private static void AssertClose(IEnumerable<double> expected, IEnumerable<double> actual, double tolerance, bool absolute = false)
    {
        var (e, a) = (expected.ToArray(), actual.ToArray());
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            var limit = absolute ? tolerance : tolerance * Math.Abs(e[i]);
            Assert.True(Math.Abs(e[i] - a[i]) <= limit, $"[{i}]: expected {e[i]:R}, got {a[i]:R}");
        }
    }
}
