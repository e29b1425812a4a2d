namespace PerfModel.Tests.Models;

/// <summary>Node-count lists: the --nodes syntax (<see cref="Nodes.Parse"/>) and the two generated series, powers of two
/// (P18 Fig. 4) and cubes (Lulesh, P18 Fig. 6a).</summary>
public sealed class NodesTests
{
    [Fact]
    public void Range_means_powers_of_two()
    {
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048], Nodes.Parse("1-2048"));
        Assert.Equal([4, 8], Nodes.Parse("3-15"));
    }

    [Fact]
    public void Lists_and_ranges_merge_sorted_without_duplicates() =>
        Assert.Equal([1, 2, 4, 27, 1728], Nodes.Parse("1728,1-4, 27,2"));

    [Theory]
    [InlineData("0")]
    [InlineData("-4")]
    [InlineData("a")]
    [InlineData("8-2")]
    [InlineData("5-7")]
    [InlineData("1,,2")]
    public void Bad_lists_are_rejected_with_the_offending_text(string text)
    {
        var e = Assert.Throws<FormatException>(() => Nodes.Parse(text, "--nodes"));
        Assert.Contains(text, e.Message);
        Assert.StartsWith("--nodes ", e.Message);
    }

    [Fact]
    public void Powers_of_two_cover_the_closed_range()
    {
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048], Nodes.PowersOfTwo(1, 2048));
        Assert.Equal([4, 8], Nodes.PowersOfTwo(3, 15));
        Assert.Equal([1 << 30], Nodes.PowersOfTwo(1 << 30, int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nodes.PowersOfTwo(0, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nodes.PowersOfTwo(8, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nodes.PowersOfTwo(5, 7));
    }

    [Fact]
    public void Cubes_cover_the_closed_range()
    {
        // Lulesh needs a cube number of ranks; P18 Fig. 6a runs 1 to 1,728 = 12^3 nodes.
        Assert.Equal([1, 8, 27, 64, 125, 216, 343, 512, 729, 1000, 1331, 1728], Nodes.Cubes(1, 1728));
        Assert.Equal([27, 64], Nodes.Cubes(9, 100));
        Assert.Equal([1290 * 1290 * 1290], Nodes.Cubes(1290 * 1290 * 1290, int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nodes.Cubes(0, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nodes.Cubes(9, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nodes.Cubes(9, 26));
    }
}
