using System.Collections.Concurrent;
using PerfModel.NotebookTests.Runner;
using PerfModel.NotebookTests.Support;

namespace PerfModel.NotebookTests.Package;

/// <summary>The state the notebook tests share for one test run: the PerfModel package, packed fresh the first time a
/// test asks for it (<see cref="FreshPackage"/>; a test that runs no PerfModel notebook never waits for it), each
/// notebook's run (done once, whichever test asks first), and the timings file.</summary>
public sealed class FreshPackageFixture
{
    private readonly Lazy<Task<PackedPackage>> package = new(() => Task.Run(FreshPackage.Pack));
    private readonly ConcurrentDictionary<string, Lazy<Task<NotebookRun>>> runs = new(StringComparer.Ordinal);

    /// <summary>The longest one cell may run.</summary>
    public static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(10);

    /// <summary>out/notebooks/timings.txt.</summary>
    public NotebookTimings Timings { get; } = new(Path.Combine(RepoPaths.Output, "timings.txt"));

    /// <summary>The package packed for this run (packed on the first call; a failed pack fails every caller with its output).</summary>
    public Task<PackedPackage> PackageAsync() => package.Value;

    /// <summary>The run of notebooks/<paramref name="name"/> against the fresh package, its executed notebook and HTML
    /// page written to out/notebooks/ and its time recorded.</summary>
    public Task<NotebookRun> RunAsync(string name) =>
        runs.GetOrAdd(name, n => new Lazy<Task<NotebookRun>>(() => RunOnceAsync(n))).Value;

    private async Task<NotebookRun> RunOnceAsync(string name)
    {
        var packed = await PackageAsync();
        Timings.RecordPack(packed);
        var run = await new NotebookRunner(CellTimeout).RunAsync(Path.Combine(RepoPaths.Notebooks, name));
        ExecutedNotebook.Write(run, RepoPaths.Output);
        Timings.Record(run);
        return run;
    }
}
