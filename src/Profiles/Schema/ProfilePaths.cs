using System.Collections;
using System.Collections.Immutable;
using PerfModel.Descriptions;
using PerfModel.Noise;

namespace PerfModel.Profiles.Schema;

/// <summary>
/// Profile values by JSON path, from <see cref="ProfileSchema"/>: every value of a profile (<see cref="Values"/>), where
/// each comes from (<see cref="SourceOf(object, string)"/>: the recorded source while the value is the one it was recorded for,
/// <see cref="Provenance.WhatIf"/> once a <c>with</c> copy changed it), the uncertainty range declared for it
/// (<see cref="RangeOf(object, string)"/>: like the source, only while the value is the recorded one), and how two profiles
/// differ (<see cref="Differences"/>).
/// </summary>
public static class ProfilePaths
{
    /// <summary>Every value of <paramref name="record"/> (a platform, OS or application profile), in file order.</summary>
    public static IReadOnlyList<ProfileValue> Values(object record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var list = new List<ProfileValue>();
        Walk(record, SchemaOf(record), "$", list, ProvenanceOf(record));
        return list;
    }

    /// <summary>The value of <paramref name="record"/> at <paramref name="path"/>, or null when the path does not exist.</summary>
    public static ProfileValue? At(object record, string path) => Values(record).FirstOrDefault(v => v.Path == path);

    /// <summary>
    /// Where the value at <paramref name="path"/> comes from: its recorded source when the value is still the one the
    /// source was recorded for; <see cref="Provenance.WhatIf"/> when it was changed in code; <see cref="Provenance.Unspecified"/>
    /// when nothing was recorded (a profile built in code). Never cites a source for a number the user changed.
    /// </summary>
    public static string SourceOf(object record, string path)
    {
        var current = At(record, path);
        return current is null ? Provenance.Unspecified : SourceOf(ProvenanceOf(record), current);
    }

    /// <summary>Where <paramref name="value"/> comes from, given the profile's recorded <paramref name="provenance"/>
    /// (see <see cref="SourceOf(object, string)"/>).</summary>
    public static string SourceOf(Provenance provenance, ProfileValue value)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        ArgumentNullException.ThrowIfNull(value);
        if (!provenance.ByPath.TryGetValue(value.Path, out var entry)) return provenance.ByPath.Count > 0 ? Provenance.WhatIf : Provenance.Unspecified;
        return ValuesEqual(entry.RecordedValue, value.Value) ? entry.Source : Provenance.WhatIf;
    }

    /// <summary>
    /// The uncertainty range declared for the value at <paramref name="path"/> (the file's <c>"range": [low, high]</c>), or
    /// null: when none was declared, when the path does not exist, and when the value was changed in code. A range, like
    /// a source, is a statement about the recorded value; a what-if value (<see cref="Provenance.WhatIf"/>) inherits
    /// neither, even when it lies inside the old range.
    /// </summary>
    public static ValueRange? RangeOf(object record, string path)
    {
        var current = At(record, path);
        return current is null ? null : RangeOf(ProvenanceOf(record), current);
    }

    /// <summary>The range declared for <paramref name="value"/> given the profile's recorded <paramref name="provenance"/>
    /// (see <see cref="RangeOf(object, string)"/>).</summary>
    public static ValueRange? RangeOf(Provenance provenance, ProfileValue value)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        ArgumentNullException.ThrowIfNull(value);
        return provenance.ByPath.TryGetValue(value.Path, out var entry) && entry.Range is { } range && ValuesEqual(entry.RecordedValue, value.Value)
            ? range : null;
    }

    /// <summary>The values that differ between two profiles of the same kind (paths present in only one count as
    /// different), each with the value in <paramref name="baseline"/> and in <paramref name="changed"/>.</summary>
    public static IReadOnlyList<ProfileDifference> Differences(object baseline, object changed)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(changed);
        if (baseline.GetType() != changed.GetType()) throw new ArgumentException($"cannot compare a {baseline.GetType().Name} with a {changed.GetType().Name}", nameof(changed));
        var a = Values(baseline).ToDictionary(v => v.Path);
        var b = Values(changed).ToDictionary(v => v.Path);
        var diffs = new List<ProfileDifference>();
        foreach (var path in a.Keys.Concat(b.Keys.Where(k => !a.ContainsKey(k))))
        {
            a.TryGetValue(path, out var va);
            b.TryGetValue(path, out var vb);
            if (va is not null && vb is not null && ValuesEqual(va.Value, vb.Value)) continue;
            diffs.Add(new ProfileDifference(path, va?.Value, vb?.Value));
        }
        return diffs;
    }

    /// <summary>The schema of a platform, OS or application profile.</summary>
    public static ObjectSchema SchemaOf(object record) => record switch
    {
        Platform => ProfileSchema.Platform,
        OsProfile => ProfileSchema.Os,
        AppProfile => ProfileSchema.App,
        _ => throw new ArgumentException($"{record.GetType().Name} is not a platform, OS or application profile", nameof(record)),
    };

    /// <summary>The provenance attached to a profile.</summary>
    public static Provenance ProvenanceOf(object record) => record switch
    {
        Platform p => p.Provenance,
        OsProfile o => o.Provenance,
        AppProfile a => a.Provenance,
        _ => throw new ArgumentException($"{record.GetType().Name} is not a platform, OS or application profile", nameof(record)),
    };

    /// <summary>Equality of two profile values: numbers bit for bit, node lists element by element, the rest by value.</summary>
    public static bool ValuesEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => x.Equals(y),
        (ImmutableArray<int> x, ImmutableArray<int> y) => x.SequenceEqual(y),
        (DurationDistribution x, DurationDistribution y) => x.Equals(y),
        _ => Equals(a, b),
    };

    private static void Walk(object record, ObjectSchema schema, string path, List<ProfileValue> list, Provenance provenance)
    {
        foreach (var f in schema.Fields)
        {
            var value = f.Get(record);
            var here = $"{path}.{f.Json}";
            switch (f.Kind)
            {
                case FieldKind.Object:
                    Walk(value!, f.Item!, here, list, provenance);
                    break;
                case FieldKind.ObjectArray:
                    var i = 0;
                    foreach (var item in (IEnumerable)value!) Walk(item, f.Item!, $"{here}[{i++}]", list, provenance);
                    break;
                case FieldKind.Duration:
                    AddDuration((DurationDistribution)value!, path, list, provenance);
                    break;
                default:
                    list.Add(new ProfileValue(here, f.Kind, value));
                    break;
            }
        }
    }

    /// <summary>A duration's values at the paths the file uses: a fixed one as durationSeconds (or as a "fixed"
    /// distribution when that is how it was read), a parametric one per parameter, an empirical one as a whole at …duration.</summary>
    private static void AddDuration(DurationDistribution d, string sourcePath, List<ProfileValue> list, Provenance provenance)
    {
        var dpath = $"{sourcePath}.{DurationSchema.DistributionField}";
        if (d is FixedDuration f && !provenance.ByPath.ContainsKey($"{dpath}.{DurationSchema.Forms[0].Parameters[0].Json}"))
        {
            list.Add(new ProfileValue($"{sourcePath}.{DurationSchema.FixedField}", FieldKind.Quantity, f.Duration.Seconds));
            return;
        }
        foreach (var form in DurationSchema.Forms)
            if (form.Read(d) is { } parameters)
            {
                for (var i = 0; i < parameters.Length; i++) list.Add(new ProfileValue($"{dpath}.{form.Parameters[i].Json}", FieldKind.Quantity, parameters[i]));
                return;
            }
        list.Add(new ProfileValue(dpath, FieldKind.Duration, d));
    }
}
