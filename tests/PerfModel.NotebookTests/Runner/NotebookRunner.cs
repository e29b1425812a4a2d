using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using DocumentKernelInfo = Microsoft.DotNet.Interactive.Documents.KernelInfo;

namespace PerfModel.NotebookTests.Runner;

/// <summary>Runs a Jupyter notebook (.ipynb) headless and in-process: a fresh <see cref="NotebookKernel"/> per notebook,
/// every code cell in order with the notebook's folder as the current directory (relative paths such as
/// <c>#i "nuget: ../artifacts/nuget"</c> resolve as they do in an editor opened there), every output recorded.
/// Like dotnet-repl, a failing cell does not stop the run: every cell error is reported, the first is the cause.
/// The current directory is process-wide, so runs must not overlap (the tests that run notebooks share one xunit
/// collection, which runs its tests one at a time).</summary>
/// <param name="cellTimeout">The longest a cell may run; after it the cell is reported as failed and the run stops.</param>
public sealed class NotebookRunner(TimeSpan cellTimeout)
{
    private static readonly string[] MarkdownKernels = ["markdown", "md"];

    /// <summary>Runs <paramref name="notebookPath"/> and returns what every code cell produced.</summary>
    public async Task<NotebookRun> RunAsync(string notebookPath)
    {
        var path = Path.GetFullPath(notebookPath);
        var document = Notebook.Parse(await File.ReadAllTextAsync(path), KernelInfos());
        var cells = new List<CellRun>();
        var packages = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var previousDirectory = Directory.GetCurrentDirectory();
        var clock = Stopwatch.StartNew();
        try
        {
            Directory.SetCurrentDirectory(Path.GetDirectoryName(path)!);
            using var kernel = NotebookKernel.Create();
            var executionCount = 0;
            for (var i = 0; i < document.Elements.Count; i++)
            {
                var element = document.Elements[i];
                element.Id ??= $"cell-{i + 1}"; // the executed notebook is nbformat 4.5, which requires cell ids
                if (MarkdownKernels.Contains(element.KernelName, StringComparer.OrdinalIgnoreCase)) continue;
                var cell = await RunCellAsync(kernel, element, number: i + 1, executionCount: ++executionCount, packages);
                cells.Add(cell);
                if (cell.Errors.Any(e => e.StartsWith(TimeoutMessagePrefix, StringComparison.Ordinal))) break; // the kernel is still busy
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
        }
        return new NotebookRun(Path.GetFileName(path), document, cells, packages, clock.Elapsed);
    }

    private const string TimeoutMessagePrefix = "did not finish within";

    /// <summary>Runs one cell and replaces its outputs in <paramref name="element"/> with the new ones.</summary>
    private async Task<CellRun> RunCellAsync(CompositeKernel kernel, InteractiveDocumentElement element, int number, int executionCount,
        IDictionary<string, string> packages)
    {
        var clock = Stopwatch.StartNew();
        var outputs = new List<CellOutput>();
        var errors = new List<string>();
        var kernelName = element.KernelName ?? NotebookKernel.CSharp;
        if (kernel.FindKernelByName(kernelName) is null)
        {
            errors.Add($"kernel '{kernelName}' is not available here (only C#)");
        }
        else
        {
            var send = kernel.SendAsync(new SubmitCode(element.Contents, kernelName));
            if (await Task.WhenAny(send, Task.Delay(cellTimeout)) != send)
            {
                errors.Add($"{TimeoutMessagePrefix} {cellTimeout.TotalSeconds:0} s");
            }
            else
            {
                var displays = new Dictionary<string, int>(StringComparer.Ordinal); // value id -> index in outputs
                foreach (var e in (await send).Events)
                {
                    if (e is PackageAdded added) packages[added.PackageReference.PackageName] = added.PackageReference.PackageVersion;
                    // An update replaces the display it updates (as a front end redraws it), e.g. #r's restore progress.
                    if (e is DisplayedValueUpdated { ValueId: { } updated } update && displays.TryGetValue(updated, out var at))
                    {
                        outputs[at] = new CellOutput(CellOutputKind.Displayed, update.FormattedValues.ToArray());
                        continue;
                    }
                    if (e is DisplayedValueProduced { ValueId: { } id }) displays[id] = outputs.Count;
                    if (Output(e) is { } output && !IsRepeatedError(output, outputs)) outputs.Add(output);
                }
                errors.AddRange(outputs.Where(o => o.Kind == CellOutputKind.Error).Select(o => o.Value(PlainTextFormatter.MimeType)!).Distinct());
            }
        }
        foreach (var message in errors.Where(m => outputs.All(o => o.Kind != CellOutputKind.Error || o.Value(PlainTextFormatter.MimeType) != m)))
            outputs.Add(ErrorOutput(message));

        element.ExecutionOrder = executionCount;
        element.Outputs.Clear();
        element.Outputs.AddRange(outputs.Select(o => ExecutedNotebook.ToDocumentOutput(o, executionCount)));
        return new CellRun(number, CellRun.FirstLineOf(element.Contents), outputs, errors, clock.Elapsed);
    }

    private static CellOutput? Output(KernelEvent e) => e switch
    {
        ReturnValueProduced r => new CellOutput(CellOutputKind.ReturnValue, r.FormattedValues.ToArray()),
        StandardOutputValueProduced o => new CellOutput(CellOutputKind.StandardOutput, o.FormattedValues.ToArray()),
        StandardErrorValueProduced o => new CellOutput(CellOutputKind.StandardError, o.FormattedValues.ToArray()),
        DisplayedValueProduced d => new CellOutput(CellOutputKind.Displayed, d.FormattedValues.ToArray()),
        DisplayedValueUpdated d => new CellOutput(CellOutputKind.Displayed, d.FormattedValues.ToArray()),
        ErrorProduced error => ErrorOutput(error.Message),
        CommandFailed failed => ErrorOutput(failed.Message),
        _ => null,
    };

    /// <summary>An error whose message the cell already reported (a failure is often both ErrorProduced and CommandFailed).</summary>
    private static bool IsRepeatedError(CellOutput output, IEnumerable<CellOutput> earlier) =>
        output.Kind == CellOutputKind.Error
        && earlier.Any(o => o.Kind == CellOutputKind.Error && o.Value(PlainTextFormatter.MimeType) == output.Value(PlainTextFormatter.MimeType));

    private static CellOutput ErrorOutput(string message) =>
        new(CellOutputKind.Error, [new FormattedValue(PlainTextFormatter.MimeType, message)]);

    /// <summary>C# code cells (the default for cells without kernel metadata) and markdown.</summary>
    private static KernelInfoCollection KernelInfos()
    {
        var infos = new KernelInfoCollection
        {
            new DocumentKernelInfo(NotebookKernel.CSharp, "C#", ["c#", "C#"]),
            new DocumentKernelInfo("markdown", "Markdown", ["md"]),
        };
        infos.DefaultKernelName = NotebookKernel.CSharp;
        return infos;
    }
}
