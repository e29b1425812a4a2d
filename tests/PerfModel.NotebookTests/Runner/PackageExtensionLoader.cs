using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace PerfModel.NotebookTests.Runner;

/// <summary>Loads the .NET Interactive extensions that NuGet packages ship, as the dotnet-interactive host does
/// (<c>src/dotnet-interactive/KernelExtensionLoader.cs</c> and <c>PackageDirectoryExtensionLoader.cs</c> in
/// dotnet/interactive; that host is a tool, not a library, so its logic is repeated here):
/// after each command, for each package added since (<c>PackageAdded</c>, once per package root) whose root has an
/// <c>interactive-extensions/dotnet</c> folder, every DLL there is loaded into the default load context and every
/// exported, instantiable <see cref="IKernelExtension"/> in it is created and given the kernel (<c>OnLoadAsync</c>);
/// then that folder's <c>extension.dib</c>, if any, is run. A failing extension fails the command that added its package.
/// This is what makes PerfModel's formatters and Microsoft.Data.Analysis's DataFrame formatter work in the notebooks.</summary>
internal static class PackageExtensionLoader
{
    private const string ExtensionScriptName = "extension.dib";

    /// <summary>Adds the loading middleware to <paramref name="kernel"/> (the real host's <c>UseNuGetExtensions</c>).</summary>
    public static CompositeKernel UsePackageExtensions(this CompositeKernel kernel)
    {
        var pending = new ConcurrentQueue<PackageAdded>();

        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (pending.TryDequeue(out var added))
            {
                var extensionDir = new DirectoryInfo(Path.Combine(added.PackageReference.PackageRoot, "interactive-extensions", "dotnet"));
                if (extensionDir.Exists) await LoadFromDirectoryAsync(extensionDir, kernel, context);
            }
        });

        kernel.RegisterForDisposal(
            kernel.KernelEvents
                  .OfType<PackageAdded>()
                  .Where(added => added.PackageReference.PackageRoot is not null)
                  .Distinct(added => added.PackageReference.PackageRoot)
                  .Subscribe(pending.Enqueue));

        return kernel;
    }

    /// <summary>The DLLs of <paramref name="directory"/>, then its extension.dib.</summary>
    private static async Task LoadFromDirectoryAsync(DirectoryInfo directory, Kernel kernel, KernelInvocationContext context)
    {
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dll in directory.GetFiles("*.dll", SearchOption.TopDirectoryOnly))
        {
            if (loaded.Add(AssemblyName.GetAssemblyName(dll.FullName).FullName))
                await LoadFromAssemblyFileAsync(dll, kernel, context);
        }

        var script = new FileInfo(Path.Combine(directory.FullName, ExtensionScriptName));
        if (script.Exists)
        {
            KernelInvocationContextExtensions.Display(context, $"Loading extension script from `{script.FullName}`");
            await kernel.LoadAndRunInteractiveDocument(script, context.Command);
        }
    }

    private static async Task LoadFromAssemblyFileAsync(FileInfo file, Kernel kernel, KernelInvocationContext context)
    {
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(file.FullName);
        var extensionTypes = assembly.ExportedTypes
            .Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition && !t.IsInterface && typeof(IKernelExtension).IsAssignableFrom(t))
            .ToArray();
        if (extensionTypes.Length > 0) KernelInvocationContextExtensions.Display(context, $"Loading extensions from `{assembly.Location}`");

        foreach (var type in extensionTypes)
        {
            var extension = (IKernelExtension)Activator.CreateInstance(type)!;
            try
            {
                await extension.OnLoadAsync(kernel);
                context.Publish(new KernelExtensionLoaded(extension, context.Command));
            }
            catch (Exception e)
            {
                context.Publish(new ErrorProduced($"Failed to load kernel extension \"{type.Name}\" from assembly {assembly.Location}", context.Command));
                context.Fail(context.Command, new KernelExtensionLoadException(e));
            }
        }
    }
}
