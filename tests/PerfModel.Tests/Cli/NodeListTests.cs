using PerfModel.Cli;

namespace PerfModel.Tests.Cli;

public sealed class NodeListTests
{
    [Fact]
    public void Range_means_powers_of_two()
    {
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048], NodeList.Parse("1-2048"));
        Assert.Equal([4, 8], NodeList.Parse("3-15"));
    }

    [Fact]
    public void Lists_and_ranges_merge_sorted_without_duplicates() =>
        Assert.Equal([1, 2, 4, 27, 1728], NodeList.Parse("1728,1-4, 27,2"));

    [Theory]
    [InlineData("0")]
    [InlineData("-4")]
    [InlineData("a")]
    [InlineData("8-2")]
    [InlineData("5-7")]
    [InlineData("1,,2")]
    public void Bad_lists_are_rejected_with_the_offending_text(string text)
    {
        var e = Assert.Throws<FormatException>(() => NodeList.Parse(text));
        Assert.Contains(text, e.Message);
    }
}
