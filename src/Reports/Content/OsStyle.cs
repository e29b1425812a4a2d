using PerfModel.Predictions;
using PerfModel.Validation;

namespace PerfModel.Reports.Content;

/// <summary>
/// One colour and display name per OS, used consistently in every figure. The paper's three OSes
/// (<see cref="PaperTargets.Linux"/>, <see cref="PaperTargets.McKernel"/>, <see cref="PaperTargets.Mos"/>) have fixed
/// colours and names; any other OS (a what-if variant) takes the next colour of <see cref="Palette"/> in the order of the
/// OSes shown (or, alone, a colour chosen by a stable hash of its name) and its profile's display name.
/// </summary>
public static class OsStyle
{
    /// <summary>Colour of the paper's Linux (dark grey).</summary>
    public const string LinuxColour = "#4d4d4d";

    /// <summary>Colour of McKernel (red).</summary>
    public const string McKernelColour = "#d62728";

    /// <summary>Colour of mOS (blue).</summary>
    public const string MosColour = "#1f77b4";

    /// <summary>Colours for OSes other than the paper's three, in the order they are handed out (green first).</summary>
    public static readonly IReadOnlyList<string> Palette = ["#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf"];

    /// <summary>The colour of <paramref name="os"/>: fixed for the paper's OSes, otherwise a <see cref="Palette"/> entry
    /// chosen by a stable hash of the name (the same on every run).</summary>
    public static string Colour(string os)
    {
        ArgumentNullException.ThrowIfNull(os);
        return Fixed(os) ?? Palette[(int)(StableHash(os) % (uint)Palette.Count)];
    }

    /// <summary>The colour of <paramref name="os"/> among the OSes <paramref name="oses"/> shown together: fixed for the
    /// paper's OSes, otherwise the <see cref="Palette"/> entry at its position among the other names of
    /// <paramref name="oses"/> (so two what-if OSes never share a colour while there are colours left), or
    /// <see cref="Colour(string)"/> when it is not listed.</summary>
    public static string Colour(string os, IEnumerable<string> oses)
    {
        ArgumentNullException.ThrowIfNull(os);
        ArgumentNullException.ThrowIfNull(oses);
        if (Fixed(os) is { } colour) return colour;
        var i = oses.Where(n => Fixed(n) is null).Distinct().ToList().IndexOf(os);
        return i >= 0 ? Palette[i % Palette.Count] : Colour(os);
    }

    /// <summary>Display name: "Linux", "McKernel", "mOS" for the paper's OSes; otherwise
    /// <paramref name="profileDisplayName"/> (the profile's <c>DisplayName</c>) when given, else the name itself.</summary>
    public static string Display(string os, string? profileDisplayName = null)
    {
        ArgumentNullException.ThrowIfNull(os);
        return os switch
        {
            PaperTargets.Linux => "Linux",
            PaperTargets.McKernel => "McKernel",
            PaperTargets.Mos => "mOS",
            _ => string.IsNullOrWhiteSpace(profileDisplayName) ? os : profileDisplayName,
        };
    }

    /// <summary>Colours of the breakdown mechanisms (stacked attribution charts).</summary>
    public static string Mechanism(Mechanism m) => m switch
    {
        Predictions.Mechanism.Compute => "#8c8c8c",
        Predictions.Mechanism.Memory => "#9467bd",
        Predictions.Mechanism.Tlb => "#17becf",
        Predictions.Mechanism.Heap => "#ff7f0e",
        Predictions.Mechanism.Noise => "#d62728",
        Predictions.Mechanism.Communication => "#2ca02c",
        Predictions.Mechanism.Syscall => "#e377c2",
        _ => "#bcbd22",
    };

    private static string? Fixed(string os) => os switch
    {
        PaperTargets.Linux => LinuxColour,
        PaperTargets.McKernel => McKernelColour,
        PaperTargets.Mos => MosColour,
        _ => null,
    };

    /// <summary>FNV-1a over the UTF-16 code units: the same on every run (unlike <see cref="string.GetHashCode()"/>).</summary>
    private static uint StableHash(string text)
    {
        var h = 2166136261u;
        foreach (var c in text) h = (h ^ c) * 16777619u;
        return h;
    }
}
