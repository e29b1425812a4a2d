/// <summary>
/// Runs before Main when this test assembly is started as a program with DOTNET_STARTUP_HOOKS naming it: the child
/// process of the kill test (<see cref="PerfModel.Tests.Profiles.Files.KilledWriter"/>). Without its environment variable
/// it does nothing. The runtime requires this name, in the global namespace.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(PerfModel.Tests.Profiles.Files.KilledWriter.PathVariable) is { Length: > 0 } path)
            PerfModel.Tests.Profiles.Files.KilledWriter.Loop(path);
    }
}
