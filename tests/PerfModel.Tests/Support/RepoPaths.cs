using System.Runtime.CompilerServices;

namespace PerfModel.Tests.Support;

/// <summary>Locates the repository from this source file's path.</summary>
internal static class RepoPaths
{
    public static string Root([CallerFilePath] string file = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));

    public static string DataDir => Path.Combine(Root(), "data");
}
