using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Formatting;

namespace PerfModel.NotebookTests.Runner;

/// <summary>Saves a <see cref="NotebookRun"/>: the executed notebook (the same cells, with their outputs and execution
/// counts) as <c>&lt;name&gt;.ipynb</c>, and every output on one page as <c>&lt;name&gt;.html</c>
/// (<see cref="NotebookHtmlPage"/>).</summary>
public static class ExecutedNotebook
{
    /// <summary>Writes both files into <paramref name="directory"/> (created if missing) and returns their paths.</summary>
    public static (string Notebook, string Page) Write(NotebookRun run, string directory)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.GetFileNameWithoutExtension(run.Name);
        var notebook = Path.Combine(directory, stem + ".ipynb");
        var page = Path.Combine(directory, stem + ".html");
        File.WriteAllText(notebook, run.Executed.ToJupyterJson());
        File.WriteAllText(page, NotebookHtmlPage.Render(run));
        return (notebook, page);
    }

    /// <summary>The .ipynb form of one output: display_data, execute_result, stream or error.</summary>
    internal static InteractiveDocumentOutputElement ToDocumentOutput(CellOutput output, int executionCount)
    {
        switch (output.Kind)
        {
            case CellOutputKind.Displayed:
                return new DisplayElement(Data(output));
            case CellOutputKind.ReturnValue:
                var result = new ReturnValueElement { ExecutionOrder = executionCount };
                foreach (var (mime, value) in Data(output)) result.Data[mime] = value;
                return result;
            case CellOutputKind.StandardOutput:
            case CellOutputKind.StandardError:
                return new TextElement(output.Value(PlainTextFormatter.MimeType) ?? string.Concat(output.Values.Select(v => v.Value)),
                    output.Kind == CellOutputKind.StandardOutput ? "stdout" : "stderr");
            default:
                return new ErrorElement(output.Value(PlainTextFormatter.MimeType), "Error");
        }
    }

    private static Dictionary<string, object> Data(CellOutput output)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var value in output.Values) data.TryAdd(value.MimeType, value.Value);
        return data;
    }
}
