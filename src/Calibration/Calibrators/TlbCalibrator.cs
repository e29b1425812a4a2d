using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Profiles.Schema;

namespace PerfModel.Calibration.Calibrators;

/// <summary>
/// TLB geometry and penalties from the tlb benchmark's page-stride pointer chases (<see cref="TlbFit"/>). From chase-4k:
/// the entries of the first- and second-level 4 KiB structures (reach / 4 KiB), <c>tlbL2HitSeconds</c> (first-level miss
/// penalty) and <c>pageWalkCachedSeconds</c> (walk penalty); the 2 MiB / 1 GiB structures keep the input's geometry.
/// chase-2m is fitted and reported (reach per level and penalties, named tlb2m.*) but not written into the profile: a
/// virtual machine's nested paging blurs it.
/// </summary>
public sealed class TlbCalibrator : ICalibrator
{
    /// <inheritdoc />
    public string Id => "tlb";

    /// <inheritdoc />
    public string Benchmark => "tlb";

    /// <inheritdoc />
    public CalibrationStep Calibrate(CalibrationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var step = new StepBuilder(input);
        var tlb = step.Platform.Tlb;
        var l1 = tlb.IndexOf(tlb.FirstOrDefault(t => t.Level == 1 && t.PageSize == PageSizes.Base)!);
        var l2 = tlb.IndexOf(tlb.FirstOrDefault(t => t.Level == 2 && t.PageSize == PageSizes.Base)!);
        var parameter = StepBuilder.NameOf(StepBuilder.PlatformPath(nameof(Platform.Tlb)));
        if (l1 < 0 || l2 < 0)
        {
            step.Keep(parameter, "the template has no first- and second-level 4 KiB TLB structures to calibrate");
            return step.Step();
        }
        var l1Path = StepBuilder.PlatformPath($"{nameof(Platform.Tlb)}[{l1}].{nameof(TlbLevel.Entries)}");
        var l2Path = StepBuilder.PlatformPath($"{nameof(Platform.Tlb)}[{l2}].{nameof(TlbLevel.Entries)}");
        var l2HitPath = StepBuilder.PlatformPath(nameof(Platform.TlbL2Hit));
        var walkPath = StepBuilder.PlatformPath(nameof(Platform.PageWalkCached));
        step.Measure(parameter, Benchmark, "chase-4k", s =>
        {
            var f = TlbFit.Fit(s, PageSizes.Base);
            var page = PageSizes.Base.Bytes;
            step.SetPlatform(l1Path, p => p with { Tlb = p.Tlb.SetItem(l1, p.Tlb[l1] with { Entries = f.FirstLevelEntries }) });
            step.SetPlatform(l2Path, p => p with { Tlb = p.Tlb.SetItem(l2, p.Tlb[l2] with { Entries = f.SecondLevelEntries }) });
            step.SetPlatform(l2HitPath, p => p with { TlbL2Hit = TimeInterval.FromSeconds(f.FirstLevelMissPenalty.Value) });
            step.SetPlatform(walkPath, p => p with { PageWalkCached = TimeInterval.FromSeconds(f.WalkPenalty.Value) });
            return
            [
                StepBuilder.Sets(f.FirstLevelReach with { Value = f.FirstLevelEntries, Lower95 = f.FirstLevelReach.Lower95 / page, Upper95 = f.FirstLevelReach.Upper95 / page, Unit = "entries" },
                    ProfileKind.Platform, l1Path),
                StepBuilder.Sets(f.SecondLevelReach with { Value = f.SecondLevelEntries, Lower95 = f.SecondLevelReach.Lower95 / page, Upper95 = f.SecondLevelReach.Upper95 / page, Unit = "entries" },
                    ProfileKind.Platform, l2Path),
                StepBuilder.Sets(f.FirstLevelMissPenalty, ProfileKind.Platform, l2HitPath),
                StepBuilder.Sets(f.WalkPenalty, ProfileKind.Platform, walkPath),
            ];
        });

        // The 2 MiB chase is reported (reach per level and penalties) but not written into the profile: the input's
        // 2 MiB / 1 GiB structures stay, since a VM's nested paging blurs them (README).
        var tlbResult = input.Results.FirstOrDefault(r => r.Benchmark == Benchmark && !r.Skipped);
        var chase2m = tlbResult is null || tlbResult.Series.IsDefault ? null : tlbResult.Series.FirstOrDefault(s => s.Name == "chase-2m");
        if (chase2m is null)
        {
            step.Note("tlb 2 MiB: no chase-2m series (THP not available?)");
            return step.Step();
        }
        try
        {
            var f2 = TlbFit.Fit(chase2m, PageSizes.Huge, "tlb2m");
            foreach (var e in new[] { f2.FirstLevelReach, f2.SecondLevelReach, f2.FirstLevelMissPenalty, f2.WalkPenalty }) step.Add(e);
        }
        catch (CalibrationException ex)
        {
            step.Note($"tlb 2 MiB: chase-2m could not be fitted ({ex.Reason}): {ex.Message}");
        }
        return step.Step();
    }
}
