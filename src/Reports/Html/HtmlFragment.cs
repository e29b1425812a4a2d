namespace PerfModel.Reports.Html;

/// <summary>A piece of HTML that a notebook shows as it is (the PerfModel notebook extension registers it as text/html),
/// e.g. the result of <see cref="PlotlyScript.Reload"/>.</summary>
/// <param name="Html">The HTML.</param>
public sealed record HtmlFragment(string Html)
{
    /// <summary>The HTML.</summary>
    public override string ToString() => Html;
}
