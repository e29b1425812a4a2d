using PerfModel.Profiles;
using PerfModel.Profiles.Json;

namespace PerfModel.Tests.Support;

/// <summary>
/// The platform and OS profiles as they were typed in before <c>calibrate import</c> made them from published
/// measurements (tests/…/Calibration/Published/hand-typed-*.json), with today's applications: Linux with two Poisson
/// sources of fixed durations and declared ranges, whose LAMMPS crossover sits on a knife edge of the offload latency.
/// Tests of mechanisms that need such fixed numbers (parameter setting, knife-edge search) use it; tests of what the
/// defaults predict use <see cref="Defaults.Study"/>.
/// </summary>
internal static class HandTypedDefaults
{
    private static string Dir => Path.Combine(Path.GetDirectoryName(RepoPaths.DataDir)!, "tests", "PerfModel.Tests", "Calibration", "Published");

    public static string File(string name) => Path.Combine(Dir, $"hand-typed-{name}.json");

    public static Study Study()
    {
        var study = Defaults.Study().With(ProfileJson.ParsePlatform(System.IO.File.ReadAllText(File("platform")), File("platform")));
        foreach (var os in new[] { "linux", "mckernel", "mos" }) study = study.With(ProfileJson.ParseOs(System.IO.File.ReadAllText(File(os)), File(os)));
        return study;
    }
}
