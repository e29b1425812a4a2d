using System.Globalization;

namespace PerfModel.Tests.Models.Units;

/// <summary>Conversion constants, parsing, formatting and cross-type operators of the unit types. Conversions by a power of
/// ten are checked exactly against the decimal literal (the parser scales in decimal, so "7.3us" is the double nearest
/// 7.3e-6); binary prefixes are exact powers of two, so those are exact too.</summary>
public sealed class UnitTypeTests
{
    [Theory]
    [InlineData("7.3us", 7.3e-6)]
    [InlineData("7.3 us", 7.3e-6)]
    [InlineData("7.3µs", 7.3e-6)]
    [InlineData("7.3μs", 7.3e-6)]
    [InlineData("100us", 1e-4)]
    [InlineData("2.5ms", 2.5e-3)]
    [InlineData("250ns", 250e-9)]
    [InlineData("1e-4 s", 1e-4)]
    [InlineData("1.5s", 1.5)]
    [InlineData("0s", 0)]
    public void TimeInterval_parses_every_unit_to_the_nearest_double(string text, double seconds) =>
        Assert.Equal(seconds, TimeInterval.Parse(text).Seconds);

    [Theory]
    [InlineData("")]
    [InlineData("100")]
    [InlineData("us")]
    [InlineData("1.2.3us")]
    [InlineData("5 minutes")]
    [InlineData("1e400s")]
    public void TimeInterval_rejects_text_that_is_not_a_time(string text)
    {
        Assert.False(TimeInterval.TryParse(text, out _));
        var e = Assert.Throws<FormatException>(() => TimeInterval.Parse(text));
        Assert.Contains("ns, us", e.Message);
    }

    [Theory]
    [InlineData(2e-6, "2us")]
    [InlineData(0.01, "10ms")]
    [InlineData(1.5, "1.5s")]
    [InlineData(7.3e-9, "7.3ns")]
    [InlineData(0, "0s")]
    public void TimeInterval_formats_with_the_largest_unit_that_keeps_the_number_at_least_one(double seconds, string text) =>
        Assert.Equal(text, TimeInterval.FromSeconds(seconds).ToString());

    [Fact]
    public void Time_conversions_are_powers_of_ten()
    {
        var t = TimeInterval.FromSeconds(1.25);
        Assert.Equal(1250, t.Milliseconds);
        Assert.Equal(1.25e6, t.Microseconds);
        Assert.Equal(1.25e9, t.Nanoseconds);
        Assert.Equal(2e-6, TimeInterval.FromMicroseconds(2).Seconds);
        Assert.Equal(10e-3, TimeInterval.FromMilliseconds(10).Seconds);
        Assert.Equal(7.3e-9, TimeInterval.FromNanoseconds(7.3).Seconds);
    }

    [Theory]
    [InlineData("4096", 4096)]
    [InlineData("4 KiB", 4096)]
    [InlineData("2MiB", 2097152)]
    [InlineData("16 GiB", 17179869184)]
    [InlineData("1 TiB", 1099511627776)]
    [InlineData("87 MB", 87e6)]
    [InlineData("22 GB", 22e9)]
    [InlineData("3 kB", 3000)]
    public void ByteSize_distinguishes_binary_and_decimal_prefixes(string text, double bytes) =>
        Assert.Equal(bytes, ByteSize.Parse(text).Bytes);

    [Theory]
    [InlineData(4096, "4 KiB")]
    [InlineData(2097152, "2 MiB")]
    [InlineData(17179869184, "16 GiB")]
    [InlineData(512, "512 B")]
    public void ByteSize_formats_with_binary_prefixes(double bytes, string text) => Assert.Equal(text, ByteSize.FromBytes(bytes).ToString());

    [Fact]
    public void Binary_prefixes_are_powers_of_two()
    {
        Assert.Equal(1024, ByteSize.FromKiB(1).Bytes);
        Assert.Equal(1 << 20, ByteSize.FromMiB(1).Bytes);
        Assert.Equal(1L << 30, ByteSize.FromGiB(1).Bytes);
        Assert.Equal(1e6, ByteSize.FromMegabytes(1).Bytes);
        Assert.Equal(1e9, ByteSize.FromGigabytes(1).Bytes);
        Assert.Equal(16, ByteSize.FromGiB(16).GiB);
        Assert.Equal(2, ByteSize.FromMiB(2).MiB);
        Assert.Equal(4, ByteSize.FromKiB(4).KiB);
    }

    [Theory]
    [InlineData("88.4 GB/s", 88.4e9)]
    [InlineData("12380 MB/s", 12380e6)]
    [InlineData("9.6e9 B/s", 9.6e9)]
    [InlineData("1 GiB/s", 1073741824)]
    public void Bandwidth_parses_decimal_and_binary_units(string text, double bytesPerSecond) =>
        Assert.Equal(bytesPerSecond, Bandwidth.Parse(text).BytesPerSecond);

    [Theory]
    [InlineData("2.4/s", 2.4)]
    [InlineData("1000 Hz", 1000)]
    [InlineData("1kHz", 1000)]
    [InlineData("1/ms", 1000)]
    [InlineData("0.05", 0.05)]
    public void EventRate_parses_rates(string text, double perSecond) => Assert.Equal(perSecond, EventRate.Parse(text).PerSecond);

    [Theory]
    [InlineData("1.4 GHz", 1.4e9)]
    [InlineData("1400MHz", 1.4e9)]
    [InlineData("1.4e9 Hz", 1.4e9)]
    public void Frequency_parses_prefixes(string text, double hertz) => Assert.Equal(hertz, Frequency.Parse(text).Hertz);

    [Fact]
    public void Cross_type_operators_carry_the_units()
    {
        // 4 KiB at 4096 B/s takes exactly one second; 1 MB in 1 ms is 1 GB/s; 1,000 events/s over 2 ms are 2 events.
        Assert.Equal(1.0, (ByteSize.FromKiB(4) / Bandwidth.FromBytesPerSecond(4096)).Seconds);
        Assert.Equal(1e9, (ByteSize.FromMegabytes(1) / TimeInterval.FromMilliseconds(1)).BytesPerSecond, 6);
        Assert.Equal(2.0, EventRate.FromPerSecond(1000) * TimeInterval.FromMilliseconds(2), 12);
        Assert.Equal(88.4e9, (Bandwidth.FromGigabytesPerSecond(88.4) * TimeInterval.FromSeconds(1)).Bytes, 0);
        Assert.Equal(1 / 1.4e9, Frequency.FromGigahertz(1.4).Period.Seconds);
        Assert.Equal(2.0, TimeInterval.FromSeconds(4) / TimeInterval.FromSeconds(2));
        Assert.Equal(TimeInterval.FromSeconds(3), TimeInterval.FromSeconds(1) + TimeInterval.FromSeconds(2));
        Assert.Equal(ByteSize.FromKiB(8), ByteSize.FromKiB(4) * 2);
    }

    [Fact]
    public void Quantities_reject_nan_and_infinity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeInterval.FromSeconds(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteSize.FromBytes(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bandwidth.FromBytesPerSecond(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => EventRate.FromPerSecond(double.NegativeInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => Frequency.FromHertz(double.NaN));
        // A sum that overflows is an error, not an infinite time.
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeInterval.FromSeconds(double.MaxValue) + TimeInterval.FromSeconds(double.MaxValue));
    }

    [Theory]
    [MemberData(nameof(CultureScope.Cultures), MemberType = typeof(CultureScope))]
    public void Text_forms_round_trip_under_every_culture(string culture)
    {
        using var _ = new CultureScope(culture);
        SeededProperty.ForAll(CsCheck.Gen.Double[1e-9, 1e3], 1729, 300, seconds =>
        {
            var t = TimeInterval.FromSeconds(seconds);
            var back = TimeInterval.Parse(t.ToString());
            Assert.Equal(t.Seconds, back.Seconds, t.Seconds * 1e-5); // ToString prints 6 significant digits
            Assert.DoesNotContain(",", t.ToString());
        });
        Assert.Equal("1.5 GiB", ByteSize.FromGiB(1.5).ToString());
        Assert.Equal("88.4 GB/s", Bandwidth.FromGigabytesPerSecond(88.4).ToString());
        Assert.Equal("2.4/s", EventRate.FromPerSecond(2.4).ToString());
        Assert.Equal("1.4 GHz", Frequency.FromGigahertz(1.4).ToString());
        Assert.Equal(1.5, TimeInterval.Parse("1.5s").Seconds);
        Assert.Equal(1.5, double.Parse(UnitFormat.Seconds(1.5).TrimEnd('s'), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Equality_and_ordering_follow_the_base_unit()
    {
        Assert.True(TimeInterval.FromMilliseconds(1) == TimeInterval.FromMicroseconds(1000));
        Assert.True(ByteSize.FromKiB(1) < ByteSize.FromKiB(2));
        Assert.Equal(0, Bandwidth.FromGigabytesPerSecond(1).CompareTo(Bandwidth.FromBytesPerSecond(1e9)));
        Assert.True(EventRate.FromPerSecond(1) != EventRate.FromPerSecond(2));
        Assert.Equal(TimeInterval.FromSeconds(2).GetHashCode(), TimeInterval.FromSeconds(2).GetHashCode());
    }
}
