namespace PerfModel.NotebookTests.Support;

/// <summary>The folders of this repository the notebook tests read and write, found by walking up from the test
/// assembly's folder to the one holding PerfModel.sln (so the tests work from any checkout and any working directory).</summary>
internal static class RepoPaths
{
    /// <summary>The repository root: the nearest ancestor of the test assembly's folder that holds PerfModel.sln.</summary>
    public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>notebooks/: the notebooks under test; also the kernel's working directory while one of them runs.</summary>
    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>artifacts/nuget/: the local feed the notebooks load PerfModel from (<c>#i "nuget: ../artifacts/nuget"</c>).</summary>
    public static string NuGetFeed => Path.Combine(Root, "artifacts", "nuget");

    /// <summary>src/Package/PerfModel.Package.csproj: the project that packs PerfModel.</summary>
    public static string PackageProject => Path.Combine(Root, "src", "Package", "PerfModel.Package.csproj");

    /// <summary>out/notebooks/: executed notebooks, their HTML pages and timings.txt (gitignored, like all of out/).</summary>
    public static string Output => Path.Combine(Root, "out", "notebooks");

    /// <summary>tests/PerfModel.NotebookTests/Fixtures/: notebooks that exercise the runner itself.</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "PerfModel.NotebookTests", "Fixtures");

    private static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PerfModel.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no PerfModel.sln above {start}: run the tests from a checkout of the repository");
    }
}
