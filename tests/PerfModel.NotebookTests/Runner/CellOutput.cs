using Microsoft.DotNet.Interactive.Formatting;

namespace PerfModel.NotebookTests.Runner;

/// <summary>One output of a cell as the kernel published it: every formatted value (one per MIME type) of one event.</summary>
/// <param name="Kind">The event it came from.</param>
/// <param name="Values">Its formatted values, in the kernel's order; an error carries one text/plain value (the message).</param>
public sealed record CellOutput(CellOutputKind Kind, IReadOnlyList<FormattedValue> Values)
{
    /// <summary>The value for <paramref name="mimeType"/>, or null when the output has none.</summary>
    public string? Value(string mimeType) => Values.FirstOrDefault(v => v.MimeType == mimeType)?.Value;

    /// <summary>The MIME types present, in order.</summary>
    public IEnumerable<string> MimeTypes => Values.Select(v => v.MimeType);
}
