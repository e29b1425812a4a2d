using System.Text.Json;
using System.Text.RegularExpressions;
using PerfModel.NotebookTests.Support;

namespace PerfModel.NotebookTests;

/// <summary>The notebooks as saved in notebooks/ are clean sources: no outputs or execution counts, nothing of the
/// machine that saved them (absolute paths, timestamps), the metadata of a C# Polyglot notebook, and the two cells that
/// load PerfModel from the local feed at the top.</summary>
public sealed partial class SavedNotebookTests
{
    /// <summary>The code lines (comments aside) of every notebook's first two code cells: add the local package folder, load PerfModel.</summary>
    public static readonly string[] Preamble =
    [
        "await Microsoft.DotNet.Interactive.Kernel.Root.SendAsync(new Microsoft.DotNet.Interactive.Commands.AddPackageSource(System.IO.Path.GetFullPath(\"../artifacts/nuget\")));",
        "#r \"nuget: PerfModel, 0.*-*\"",
    ];

    /// <summary>The notebooks.</summary>
    public static TheoryData<string> All() => Notebooks.Data();

    [Theory]
    [MemberData(nameof(All))]
    public void Saved_notebook_has_no_outputs_no_execution_counts_and_no_machine_specifics(string notebook)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Notebooks, notebook));
        using var json = JsonDocument.Parse(text);
        var problems = new List<string>();
        var cells = json.RootElement.GetProperty("cells").EnumerateArray().ToArray();
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            if (cell.TryGetProperty("outputs", out var outputs) && outputs.GetArrayLength() > 0)
                problems.Add($"cell {i + 1} has {outputs.GetArrayLength()} saved output(s)");
            if (cell.TryGetProperty("execution_count", out var count) && count.ValueKind != JsonValueKind.Null)
                problems.Add($"cell {i + 1} has execution_count {count}");
            if (cell.TryGetProperty("metadata", out var metadata)) problems.AddRange(Timestamps(metadata, $"cell {i + 1} metadata"));
        }
        problems.AddRange(Timestamps(json.RootElement.GetProperty("metadata"), "notebook metadata"));
        problems.AddRange(Strings(json.RootElement, "$").Where(s => AbsolutePath().IsMatch(s.Value))
            .Select(s => $"{s.Path} holds an absolute path: '{AbsolutePath().Match(s.Value).Value}' in \"{Shorten(s.Value)}\""));

        Assert.True(problems.Count == 0, $"{notebook} is not clean (clear all outputs before saving):\n{string.Join("\n", problems)}");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Saved_notebook_is_a_csharp_polyglot_notebook_that_loads_PerfModel_from_the_local_feed(string notebook)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Notebooks, notebook)));
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        var metadata = root.GetProperty("metadata");
        var kernelspec = metadata.GetProperty("kernelspec");
        Assert.Equal(".NET (C#)", kernelspec.GetProperty("display_name").GetString());
        Assert.Equal("C#", kernelspec.GetProperty("language").GetString());
        Assert.Equal(".net-csharp", kernelspec.GetProperty("name").GetString());
        Assert.Equal("polyglot-notebook", metadata.GetProperty("language_info").GetProperty("name").GetString());
        var kernelInfo = metadata.GetProperty("polyglot_notebook").GetProperty("kernelInfo");
        Assert.Equal("csharp", kernelInfo.GetProperty("defaultKernelName").GetString());
        Assert.Contains(kernelInfo.GetProperty("items").EnumerateArray(), k => k.GetProperty("name").GetString() == "csharp");

        var code = root.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code").ToArray();
        Assert.NotEmpty(code);
        foreach (var cell in code)
        {
            var language = cell.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelName").GetString();
            Assert.True(language == "csharp", $"{notebook}: a code cell's polyglot_notebook.kernelName is '{language}', not 'csharp': {Shorten(Source(cell))}");
        }
        // the first two code cells: the package source (an absolute path: #i rejects a relative one), then the package
        var firstLines = code.Take(2).SelectMany(c => Source(c).Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal));
        Assert.Equal(Preamble, firstLines);
    }

    /// <summary>Keys that name a time, or string values that look like an ISO 8601 date-time (Jupyter's
    /// <c>execution</c> metadata, <c>"created": "2024-…"</c>, …).</summary>
    private static IEnumerable<string> Timestamps(JsonElement metadata, string where) =>
        Strings(metadata, where).Where(s => IsoDateTime().IsMatch(s.Value)).Select(s => $"{s.Path} holds a timestamp: \"{Shorten(s.Value)}\"")
            .Concat(Keys(metadata, where).Where(k => TimeKey().IsMatch(k.Name)).Select(k => $"{k.Path} is a timestamp key"));

    private static IEnumerable<(string Path, string Value)> Strings(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.String => [(path, element.GetString()!)],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value, $"{path}.{p.Name}")),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => Strings(e, $"{path}[{i}]")),
        _ => [],
    };

    private static IEnumerable<(string Path, string Name)> Keys(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Keys(p.Value, $"{path}.{p.Name}").Prepend(($"{path}.{p.Name}", p.Name))),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => Keys(e, $"{path}[{i}]")),
        _ => [],
    };

    private static string Source(JsonElement cell) => cell.GetProperty("source") is { ValueKind: JsonValueKind.Array } lines
        ? string.Concat(lines.EnumerateArray().Select(l => l.GetString()))
        : cell.GetProperty("source").GetString() ?? "";

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    /// <summary>/work, /tmp, /home, /root (as a path, not inside a relative one such as ../root) or a Windows drive.</summary>
    [GeneratedRegex(@"(?<![\w.~-])/(?:work|tmp|home|root)(?![\w.-])|\b[A-Za-z]:\\")]
    private static partial Regex AbsolutePath();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^(?:timestamp|date|time|created|modified|last_?modified|last_?run|execution|executed|iopub\..*|shell\..*)$", RegexOptions.IgnoreCase)]
    private static partial Regex TimeKey();
}
