using PerfModel.Descriptions;

namespace PerfModel.Tests.Models.Descriptions;

/// <summary>A declared range is two finite numbers, low &lt; high, both ends included; it is part of the provenance entry's
/// equality.</summary>
public sealed class ValueRangeTests
{
    [Theory]
    [InlineData(double.NaN, 1, "low=", "should be a finite number")]
    [InlineData(0, double.PositiveInfinity, "high=", "should be a finite number")]
    [InlineData(2, 1, "high=1", "should be > low=2")]
    [InlineData(1, 1, "high=1", "should be > low=1")]
    public void Bad_ends_are_refused(double low, double high, string names, string rule)
    {
        var message = Assert.Throws<ArgumentOutOfRangeException>(() => new ValueRange(low, high)).Message;
        Assert.StartsWith(names, message, StringComparison.Ordinal);
        Assert.Contains(rule, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ends_are_included()
    {
        var r = new ValueRange(4e-6, 12e-6);
        Assert.True(r.Contains(4e-6) && r.Contains(12e-6) && r.Contains(8e-6));
        Assert.False(r.Contains(3.9e-6) || r.Contains(12.1e-6) || r.Contains(double.NaN));
        Assert.Equal(8e-6, r.Width, 1e-18);
        Assert.Equal("[4E-06, 1.2E-05]", r.ToString());
    }

    [Fact]
    public void The_range_is_part_of_the_provenance_entry()
    {
        var plain = new ProvenanceEntry("estimate: x", 8e-6);
        var ranged = plain with { Range = new ValueRange(4e-6, 12e-6) };
        Assert.NotEqual(plain, ranged);
        Assert.Equal(ranged, new ProvenanceEntry("estimate: x", 8e-6) { Range = new ValueRange(4e-6, 12e-6) });
    }
}
