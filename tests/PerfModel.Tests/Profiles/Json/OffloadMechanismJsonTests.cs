using System.Text.Json.Nodes;
using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Profiles.Json;

namespace PerfModel.Tests.Profiles.Json;

/// <summary>The optional <c>"offloadMechanism"</c> of an OS file's syscalls: read, left out (fixed), written back, and a
/// wrong name reported with the file, the path and the names allowed.</summary>
public sealed class OffloadMechanismJsonTests
{
    private const string File = "data/os/mckernel-test.json";

    private static JsonObject Mckernel() => JsonNode.Parse(Defaults.ReadEmbedded("os/mckernel.json"))!.AsObject();

    [Theory]
    [InlineData("proxy-process", OffloadMechanism.ProxyProcess)]
    [InlineData("thread-migration", OffloadMechanism.ThreadMigration)]
    [InlineData("fixed", OffloadMechanism.Fixed)]
    public void EachNameReadsAsItsMechanismAndWritesBack(string name, OffloadMechanism expected)
    {
        var j = Mckernel();
        j["syscalls"]!["offloadMechanism"] = name;
        var os = ProfileJson.ParseOs(j.ToJsonString(), File);
        Assert.Equal(expected, os.Syscalls.Mechanism);
        Assert.Equal(os, ProfileJson.ParseOs(ProfileJsonWriter.Write(os), File));
    }

    [Fact]
    public void LeftOutIsFixedAndIsNotWritten()
    {
        var j = Mckernel();
        j["syscalls"]!.AsObject().Remove("offloadMechanism");
        var os = ProfileJson.ParseOs(j.ToJsonString(), File);
        Assert.Equal(OffloadMechanism.Fixed, os.Syscalls.Mechanism);
        Assert.DoesNotContain("offloadMechanism", ProfileJsonWriter.Write(os), StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongNameIsReportedWithFilePathAndTheNamesAllowed()
    {
        var j = Mckernel();
        j["syscalls"]!["offloadMechanism"] = "proxy";
        var e = Assert.Throws<ProfileValidationException>(() => ProfileJson.ParseOs(j.ToJsonString(), File));
        var error = Assert.Single(e.Errors);
        Assert.Equal((File, "$.syscalls.offloadMechanism"), (error.File, error.JsonPath));
        Assert.Equal("'proxy' is not one of: fixed, proxy-process, thread-migration", error.Rule);
    }
}
