using System.Globalization;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Measurements;
using PerfModel.Descriptions;
using PerfModel.Profiles.Schema;

namespace PerfModel.Calibration.Calibrators;

/// <summary>The working state of one calibrator: the profiles being changed, the estimates and notes made, and the seed of
/// the next fit. Shared by the calibrators so that every step finds results, keeps values and words its notes and
/// provenance the same way.</summary>
internal sealed class StepBuilder(CalibrationInput input)
{
    private readonly List<ParameterEstimate> estimates = [];
    private readonly List<string> notes = [];
    private int nextSeed = input.Seed;

    public CalibrationInput Input => input;

    public Platform Platform { get; private set; } = input.Platform;

    public OsProfile Os { get; private set; } = input.Os;

    /// <summary>The seed of the next fit; each call takes a new one.</summary>
    public int NextSeed() => nextSeed++;

    public void Note(string note) => notes.Add(note);

    /// <summary>Notes that <paramref name="parameter"/> keeps the input's value.</summary>
    public void Keep(string parameter, string why) => notes.Add($"{parameter}: kept the template value ({why})");

    /// <summary>Adds an estimate as it is (reported only, or already carrying its path and provenance).</summary>
    public void Add(ParameterEstimate estimate) => estimates.Add(estimate);

    /// <summary>
    /// Finds <paramref name="benchmark"/>/<paramref name="seriesName"/> and applies <paramref name="apply"/>, which changes
    /// the profiles and returns the estimates (each with the JSON path it set); or notes why the input's value stays: no
    /// result, a skipped benchmark, a missing series (null <paramref name="seriesName"/>: no triad-N-threads series), a
    /// <see cref="CalibrationException"/> from the fit, or a measured value that breaks a profile rule (then every change of
    /// this measurement is undone).
    /// </summary>
    public void Measure(string parameter, string benchmark, string? seriesName, Func<Series, IReadOnlyList<ParameterEstimate>> apply)
    {
        var result = input.Result(benchmark);
        if (result is null) { Keep(parameter, $"no '{benchmark}' result"); return; }
        if (result.Skipped) { Keep(parameter, $"'{benchmark}' was skipped: {result.SkipReason}"); return; }
        var series = seriesName is null ? null : result.Series.IsDefault ? null : result.Series.FirstOrDefault(s => s.Name == seriesName);
        if (series is null) { Keep(parameter, $"'{benchmark}' has no series '{seriesName ?? "triad-<N>-threads with N >= 2"}'"); return; }
        var (platform, os) = (Platform, Os);
        try
        {
            foreach (var e in apply(series))
                estimates.Add(e.JsonPath is null ? e : e with { Provenance = Provenance(benchmark, series.Name, e) });
        }
        catch (CalibrationException ex)
        {
            (Platform, Os) = (platform, os);
            Keep(parameter, $"{benchmark}/{series.Name} could not be fitted ({ex.Reason}): {ex.Message}");
        }
        catch (ProfileValidationException ex) when (ex.Errors.Count > 0)
        {
            // A measured value that breaks a profile rule (a negative time difference between two plateaus, …): a machine
            // busy with other work measures such values. Every value of this measurement stays the template's.
            (Platform, Os) = (platform, os);
            Keep(parameter, $"{benchmark}/{series.Name} gave a value that breaks a profile rule ({ex.Errors[0].JsonPath}: {ex.Errors[0].Rule}); the machine was probably too busy: calibrate it idle");
        }
    }

    /// <summary>The median of the series' y values (<see cref="MedianFit"/>, next seed) times <paramref name="factor"/>,
    /// as the estimate of the platform field at <paramref name="path"/>.</summary>
    public ParameterEstimate Median(Series s, string path, double factor, string unit)
    {
        var e = MedianFit.Of(s, NameOf(path), unit, NextSeed());
        return Sets(e with { Value = e.Value * factor, Lower95 = e.Lower95 * factor, Upper95 = e.Upper95 * factor }, ProfileKind.Platform, path);
    }

    /// <summary>Replaces the platform; a value that breaks a platform rule is a <see cref="ProfileValidationException"/>
    /// naming <paramref name="path"/>.</summary>
    public void SetPlatform(string path, Func<Platform, Platform> change)
    {
        try
        {
            Platform = change(Platform);
        }
        catch (InvalidDescriptionException e)
        {
            throw Invalid("calibrated platform", path, e);
        }
    }

    /// <summary>Replaces the OS profile; a value that breaks an OS rule is a <see cref="ProfileValidationException"/>
    /// naming <paramref name="path"/>.</summary>
    public void SetOs(string path, Func<OsProfile, OsProfile> change)
    {
        try
        {
            Os = change(Os);
        }
        catch (InvalidDescriptionException e)
        {
            throw Invalid("calibrated linux", path, e);
        }
    }

    public CalibrationStep Step() => new(Platform, Os, [.. estimates], [.. notes], nextSeed);

    /// <summary>"measured: &lt;host&gt; &lt;date&gt;, &lt;benchmark&gt;/&lt;series&gt;, &lt;method&gt;, 95% CI [lo, hi] &lt;unit&gt;".</summary>
    public string Provenance(string benchmark, string series, ParameterEstimate e) => string.Create(CultureInfo.InvariantCulture,
        $"measured: {input.Host} {input.Date}, {benchmark}/{series}, {e.Method}, 95% CI [{e.Lower95:G4}, {e.Upper95:G4}] {e.Unit}");

    /// <summary>The estimate as the one of the field at <paramref name="path"/> of the <paramref name="profile"/>: named by
    /// the path without its leading <c>$.</c>.</summary>
    public static ParameterEstimate Sets(ParameterEstimate e, ProfileKind profile, string path) =>
        e with { Name = NameOf(path), Profile = profile, JsonPath = path };

    /// <summary>A JSON path without its leading <c>$.</c> (the name of an estimate or a note's subject).</summary>
    public static string NameOf(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>A platform field's JSON path from its record property path (e.g. "Kernel.Syscall").</summary>
    public static string PlatformPath(string propertyPath) => ProfileSchema.JsonPath(ProfileSchema.Platform, propertyPath);

    /// <summary>An OS field's JSON path from its record property path (e.g. "Noise.Sources[0].Rate").</summary>
    public static string OsPath(string propertyPath) => ProfileSchema.JsonPath(ProfileSchema.Os, propertyPath);

    /// <summary>"benchmark/series", the prefix of fit error messages.</summary>
    public static string Where(string benchmark, Series s) => $"{benchmark}/{s.Name}";

    private static ProfileValidationException Invalid(string file, string path, InvalidDescriptionException e) =>
        new([new ValidationError(file, path, e.Message)]);
}
