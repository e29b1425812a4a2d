using PerfModel.Units;

namespace PerfModel.Memory;

/// <summary>The x86-64 page sizes the models name: the 4 KiB base page and the 2 MiB huge page.</summary>
public static class PageSizes
{
    /// <summary>4 KiB.</summary>
    public static readonly ByteSize Base = ByteSize.FromBytes(4096);

    /// <summary>2 MiB.</summary>
    public static readonly ByteSize Huge = ByteSize.FromBytes(2 * 1024 * 1024);

    /// <summary>Short label of a page size: "4KiB", "2MiB", "1GiB".</summary>
    public static string Label(ByteSize page) => FormattableString.Invariant(page.Bytes switch
    {
        >= 1L << 30 => (FormattableString)$"{page.Bytes / (1L << 30):0.#}GiB",
        >= 1L << 20 => (FormattableString)$"{page.Bytes / (1L << 20):0.#}MiB",
        _ => (FormattableString)$"{page.Bytes / 1024:0.#}KiB",
    });
}
