using PerfModel.Calibration.Fitting;
using PerfModel.Memory;

namespace PerfModel.Calibration.Synthesis;

/// <summary>Factors from the units benchmark series are written in to SI (seconds, bytes per second, pages).</summary>
internal static class SeriesUnits
{
    /// <summary>Seconds per one <paramref name="unit"/> of time: ns, us (µs, μs), ms, s; a per-item suffix such as
    /// "ns/call" or "ns/access" is the same time unit.</summary>
    public static double Seconds(string unit, string what) => unit.Split('/')[0].Trim() switch
    {
        "ns" => 1e-9,
        "us" or "µs" or "μs" => 1e-6,
        "ms" => 1e-3,
        "s" or "sec" or "seconds" => 1,
        _ => throw Unknown(unit, what, "ns, us, ms or s"),
    };

    /// <summary>Bytes per second per one <paramref name="unit"/>: B/s (bytes/s), kB/s, MB/s, GB/s (decimal), KiB/s, MiB/s, GiB/s.</summary>
    public static double BytesPerSecond(string unit, string what) => unit.Trim() switch
    {
        "B/s" or "bytes/s" or "byte/s" => 1,
        "kB/s" or "KB/s" => 1e3,
        "MB/s" => 1e6,
        "GB/s" => 1e9,
        "KiB/s" => 1024.0,
        "MiB/s" => 1024.0 * 1024,
        "GiB/s" => 1024.0 * 1024 * 1024,
        _ => throw Unknown(unit, what, "B/s, kB/s, MB/s, GB/s, KiB/s, MiB/s or GiB/s"),
    };

    /// <summary>Pages per one x unit of a fault series: "pages" (or "page", "count") → 1, "bytes" → 1/page size.</summary>
    public static double Pages(string unit, ByteSize page, string what) => unit.Trim() switch
    {
        "pages" or "page" or "count" => 1,
        "bytes" or "B" => 1 / page.Bytes,
        "2MiB-pages" when page == PageSizes.Huge => 1,
        "4KiB-pages" when page == PageSizes.Base => 1,
        _ => throw Unknown(unit, what, "pages or bytes"),
    };

    private static CalibrationException Unknown(string unit, string what, string known) =>
        new(CalibrationFailure.UnknownUnit, $"{what}: unit '{unit}' is not known; expected {known}");
}
