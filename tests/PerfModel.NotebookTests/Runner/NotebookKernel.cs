using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace PerfModel.NotebookTests.Runner;

/// <summary>Builds the kernel a notebook runs on: a composite kernel whose default is a C# kernel with
/// <c>#r "nuget: …"</c> and <c>#i "nuget: …"</c> (restored through the SDK's NuGet, so NUGET_PACKAGES and the
/// machine's NuGet.Config apply), the kernel helpers (<c>display</c>, <c>HTML</c>, …), and the loading of package
/// extensions (<see cref="PackageExtensionLoader"/>) — the C# part of what <c>dotnet interactive</c> builds for
/// Jupyter or VS Code (<c>src/dotnet-interactive/KernelBuilder.cs</c>).</summary>
internal static class NotebookKernel
{
    /// <summary>The name of the C# kernel, and of every code cell the runner executes.</summary>
    public const string CSharp = "csharp";

    /// <summary>A new kernel: one per notebook, disposed by the caller.</summary>
    public static CompositeKernel Create()
    {
        // As the real host does for a browser front end (Jupyter, VS Code): HTML by default, strings as plain text.
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);

        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, resolved) =>
            {
                kernel.AddAssemblyReferences(resolved.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers();

        var composite = new CompositeKernel();
        composite.Add(csharp, ["c#", "C#"]);
        composite.DefaultKernelName = csharp.Name;
        return composite.UsePackageExtensions();
    }
}
