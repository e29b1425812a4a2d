using System.Globalization;
using PerfModel.Calibration.Profiles;
using PerfModel.Calibration.Synthesis;
using PerfModel.Profiles;
using PerfModel.Reports.Tables;

namespace PerfModel.Cli;

/// <summary>
/// Pools per-host calibrations (DIR/&lt;host&gt;.platform.json + DIR/&lt;host&gt;.linux.json) into DIR/merged.*.json: each
/// kernel cost and bandwidth is the median over hosts; the noise is that of the host with the median noise fraction (a
/// typical node, not an average of detour processes). Prints every host's values with its deviation from the median and
/// flags a host that deviates by more than 25% in any parameter (a noisy or slow node stands out).
/// </summary>
public static class CalibrationMerge
{
    private sealed record HostProfile(string Host, Platform Platform, OsProfile Os);

    private static readonly (string Name, string Path, Func<Platform, OsProfile, double> Get)[] Parameters =
    [
        ("syscall_s", "$.kernel.syscallSeconds", (p, _) => p.Kernel.SyscallSeconds),
        ("sched_yield_s", "$.kernel.schedYieldSeconds", (p, _) => p.Kernel.SchedYieldSeconds),
        ("fault_4k_s", "$.kernel.pageFault4KSeconds", (p, _) => p.Kernel.PageFault4KSeconds),
        ("fault_2m_s", "$.kernel.pageFault2MSeconds", (p, _) => p.Kernel.PageFault2MSeconds),
        ("zeroing_Bps", "$.kernel.zeroingBytesPerSecondPerCore", (p, _) => p.Kernel.ZeroingBytesPerSecondPerCore),
        ("ddr_Bps", "$.memoryTiers[ddr].bandwidthBytesPerSecond", (p, _) => p.Ddr.BandwidthBytesPerSecond),
        ("noise_fraction", "", (_, o) => o.Noise.Sources.IsDefault ? 0 : o.Noise.Sources.Sum(s => s.Fraction)),
    ];

    public static void Run(TextWriter output, TextWriter errors, string dir)
    {
        if (!Directory.Exists(dir)) throw new IOException($"calibrate merge: directory {dir} does not exist");
        var hosts = Directory.GetFiles(dir, "*.platform.json").Order(StringComparer.Ordinal)
            .Select(f => Path.GetFileName(f)[..^".platform.json".Length])
            .Where(h => h != "merged")
            .Select(h => new HostProfile(h, ProfileLoader.LoadPlatform(Path.Combine(dir, h + ".platform.json")), ProfileLoader.LoadOs(Path.Combine(dir, h + ".linux.json"))))
            .ToArray();
        if (hosts.Length == 0) throw new IOException($"calibrate merge: no <host>.platform.json files in {dir}; run 'perfmodel calibrate --out {dir}' on each node first");

        var medians = Parameters.Select(p => MathNet.Numerics.Statistics.Statistics.Median(hosts.Select(h => p.Get(h.Platform, h.Os)))).ToArray();
        var rows = new List<string[]> { new[] { "host" }.Concat(Parameters.Select(p => p.Name)).Append("stands out").ToArray() };
        foreach (var h in hosts)
        {
            var cells = new List<string> { h.Host };
            var flags = new List<string>();
            for (var i = 0; i < Parameters.Length; i++)
            {
                var v = Parameters[i].Get(h.Platform, h.Os);
                var dev = medians[i] > 0 ? (v - medians[i]) / medians[i] : 0;
                cells.Add(string.Create(CultureInfo.InvariantCulture, $"{v:G4} ({dev:+0%;-0%;0%})"));
                if (Math.Abs(dev) > 0.25) flags.Add(Parameters[i].Name);
            }
            cells.Add(flags.Count == 0 ? "" : string.Join(" ", flags));
            rows.Add(cells.ToArray());
        }
        output.Write(TextTable.Render(rows, leftAligned: 1));

        var baseHost = hosts[0];
        var k = baseHost.Platform.Kernel;
        var kernel = k with
        {
            SyscallSeconds = medians[0], SchedYieldSeconds = medians[1], PageFault4KSeconds = medians[2], PageFault2MSeconds = medians[3],
            ZeroingBytesPerSecondPerCore = medians[4],
        };
        var tiers = baseHost.Platform.MemoryTiers.Select(t => t.Kind == MemoryKind.Ddr ? t with { BandwidthBytesPerSecond = medians[5] } : t).ToArray();
        var names = string.Join(", ", hosts.Select(h => h.Host));
        var why = $"measured: median of {hosts.Length} hosts ({names})";
        var prov = baseHost.Platform.Provenance.ByPath;
        foreach (var path in new[] { "$.kernel.syscallSeconds", "$.kernel.schedYieldSeconds", "$.kernel.pageFault4KSeconds", "$.kernel.pageFault2MSeconds", "$.kernel.zeroingBytesPerSecondPerCore" })
            prov = prov.SetItem(path, why);
        var ddrIndex = baseHost.Platform.MemoryTiers.IndexOf(baseHost.Platform.Ddr);
        prov = prov.SetItem($"$.memoryTiers[{ddrIndex}].bandwidthBytesPerSecond", why);
        var platform = baseHost.Platform with
        {
            Name = $"merged calibration of {hosts.Length} hosts",
            Kernel = kernel,
            MemoryTiers = [.. tiers],
            Provenance = new Provenance(prov),
        };
        var typical = hosts.OrderBy(h => Parameters[^1].Get(h.Platform, h.Os)).ElementAt((hosts.Length - 1) / 2);
        var os = typical.Os with { DisplayName = $"Linux (noise of {typical.Host}, the median of {hosts.Length} hosts)" };
        var platformFile = Path.Combine(dir, "merged.platform.json");
        var osFile = Path.Combine(dir, "merged.linux.json");
        AtomicFile.WriteAllText(platformFile, ProfileJsonWriter.Write(platform), []);
        AtomicFile.WriteAllText(osFile, ProfileJsonWriter.Write(os), []);
        output.WriteLine($"merged {hosts.Length} hosts into {platformFile} and {osFile} (medians; noise of {typical.Host})");
    }
}
