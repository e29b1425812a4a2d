using PerfModel.Descriptions;
using PerfModel.Predictions;
using PerfModel.Profiles;
using PerfModel.Tests.Cli;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Predictions;

/// <summary>The note on a strong-scaled problem that has run out of work per rank (<see cref="SubdomainLimit"/>).</summary>
public sealed class SubdomainLimitTests
{
    private static readonly AppProfile StrongStencil = Stencil with { Name = "stencil-strong", Scaling = ScalingMode.Strong };

    /// <summary>Ghost points of an n × n × n block by counting: every point of the (n + 2)³ box around it that is not in it.</summary>
    private static long CountedHalo(int n)
    {
        var ghosts = 0L;
        for (var x = -1; x <= n; x++)
            for (var y = -1; y <= n; y++)
                for (var z = -1; z <= n; z++)
                    if (x < 0 || y < 0 || z < 0 || x >= n || y >= n || z >= n) ghosts++;
        return ghosts;
    }

    [Fact]
    public void The_threshold_is_where_a_cube_halo_equals_its_points()
    {
        var min = SubdomainLimit.MinPointsPerRank;
        // 8 / (2^(1/3) - 1)^3 = 455.5810 (Python: 8/(2**(1/3)-1)**3); side 2 / (2^(1/3) - 1) = 7.6946. 1e-12 relative: one Cbrt and one Pow.
        Assert.Equal(455.5810, min, 1e-4);
        Assert.Equal(min, SubdomainLimit.HaloPoints(min), min * 1e-12);
        Assert.True(SubdomainLimit.HaloPoints(min * (1 - 1e-9)) > min * (1 - 1e-9));
        Assert.True(SubdomainLimit.HaloPoints(min * (1 + 1e-9)) < min * (1 + 1e-9));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(20)]
    public void The_closed_form_halo_matches_counted_ghost_points_of_whole_cubes(int n)
    {
        // Independent truth: the ghost points counted one by one. n = 7: 386 ghosts > 343 points (exhausted);
        // n = 8: 488 < 512 (not): the continuous threshold 455.6 lies between 7^3 and 8^3 as the counts say.
        var points = (double)n * n * n;
        var counted = CountedHalo(n);
        Assert.Equal(counted, SubdomainLimit.HaloPoints(points), counted * 1e-12);
        Assert.Equal(counted > points, points < SubdomainLimit.MinPointsPerRank);
    }

    [Fact]
    public void The_note_appears_exactly_from_the_first_node_count_below_the_threshold()
    {
        // V1 = 1000 x min x (1 + 1e-9): V1 / 1000 sits just above the threshold, V1 / 1001 below it.
        var app = StrongStencil with { PointsPerRank = 1000 * SubdomainLimit.MinPointsPerRank * (1 + 1e-9) };
        Assert.Equal(1001, SubdomainLimit.FirstExhaustedNodes(app));
        var note = SubdomainLimit.Note(app);
        Assert.DoesNotContain(note, Predictor.Default.Predict(Knl, LinuxLike, app, 1000).Notes);
        Assert.Contains(note, Predictor.Default.Predict(Knl, LinuxLike, app, 1001).Notes);
        Assert.Contains("from 1,001 nodes on", note, StringComparison.Ordinal);
    }

    [Fact]
    public void No_points_or_enough_points_give_no_note()
    {
        Assert.Null(SubdomainLimit.FirstExhaustedNodes(StrongStencil));
        Assert.Empty(Predictor.Default.Predict(Knl, LinuxLike, StrongStencil, 4096).Notes);
        var weak = Stencil with { PointsPerRank = 1e6 };
        Assert.Null(SubdomainLimit.FirstExhaustedNodes(weak));
        Assert.Empty(Predictor.Default.Predict(Knl, LinuxLike, weak, 4096).Notes);
        // A weak-scaled application below the limit is outside the domain at every node count.
        Assert.Equal(1, SubdomainLimit.FirstExhaustedNodes(Stencil with { PointsPerRank = 100 }));
    }

    [Fact]
    public void MiniFE_is_inside_the_domain_at_1024_nodes_and_outside_at_65536()
    {
        // 336^3 / 64 = 592,704 rows per rank at one node: 579 at 1,024 nodes (side 8.3, halo 524 < 579), 9 at 65,536
        // (side 2.1, halo 63 > 9); the limit is crossed above 592,704 / 455.58 = 1,300.99 nodes.
        var study = Defaults.Study();
        var minife = Defaults.App("minife");
        Assert.Equal(1301, SubdomainLimit.FirstExhaustedNodes(minife));
        var at1024 = study.Predict("minife", "linux", 1024);
        Assert.DoesNotContain(at1024.Notes, n => n.Contains("grid points", StringComparison.Ordinal));
        var at65536 = study.Predict("minife", "linux", 65536);
        Assert.Contains(SubdomainLimit.Note(minife), at65536.Notes);
    }

    [Fact]
    public void Predict_prints_the_note_once_for_a_range_of_affected_node_counts()
    {
        // 1,024 ... 65,536 nodes: seven counts, six past the limit (2,048 and up), one line.
        var (code, _, err) = CliRunner.Run("predict", "--app", "minife", "--os", "linux,mckernel", "--nodes", "1024-65536");
        Assert.Equal(0, code);
        var lines = err.Split('\n').Where(l => l.Contains("grid points", StringComparison.Ordinal)).ToArray();
        var line = Assert.Single(lines);
        Assert.Contains("MiniFE: from 1,301 nodes on", line, StringComparison.Ordinal);
    }
}
