using PerfModel.Profiles;

namespace PerfModel.Tests.Profiles;

/// <summary>A what-if study lists exactly what it assumes differently from the defaults.</summary>
public sealed class WhatIfTests
{
    [Fact]
    public void The_defaults_differ_from_themselves_in_nothing() => Assert.Empty(WhatIf.Changes(Defaults.Study()));

    [Fact]
    public void A_changed_value_an_added_os_and_a_removed_app_are_listed()
    {
        var study = Defaults.Study();
        var mos = study.Os["mos"];
        var faster = mos with { Syscalls = mos.Syscalls with { OffloadLatency = TimeInterval.FromMicroseconds(2) } };
        var hybrid = study.Os["linux"] with { Name = "linux-lwk-heap", DisplayName = "Linux, LWK heap", Brk = mos.Brk };
        var what = study.With(faster).With(hybrid) with { Apps = [.. study.Apps.Where(a => a.Name != "geofem")] };
        var changes = WhatIf.Changes(what);
        Assert.Equal(3, changes.Count);
        var latency = Assert.Single(changes, c => c.Profile == "mos");
        Assert.Equal(("os", "$.syscalls.offloadLatencySeconds", "2E-06"), (latency.Kind, latency.Path, latency.After));
        Assert.Equal(mos.Syscalls.OffloadLatency.Seconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture), latency.Before);
        Assert.Contains(changes, c => c is { Kind: "os", Profile: "linux-lwk-heap", Before: null, After: "added" });
        Assert.Contains(changes, c => c is { Kind: "app", Profile: "geofem", After: null });
        Assert.Equal("os mos $.syscalls.offloadLatencySeconds: 5E-07 -> 2E-06", latency.ToString());
    }

    [Fact]
    public void A_new_baseline_is_listed() =>
        Assert.Contains(WhatIf.Changes(Defaults.Study() with { Baseline = "mos" }), c => c is { Kind: "study", Before: "linux", After: "mos" });
}
