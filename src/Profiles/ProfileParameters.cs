using System.Globalization;
using System.Text.RegularExpressions;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Profiles.Schema;

namespace PerfModel.Profiles;

/// <summary>
/// Reads and sets one numeric parameter of a study by its <see cref="ProfileParameter"/> (kind, profile, record property
/// path), through the one schema table (<see cref="ProfileSchema"/>), in the profile file's units (seconds, bytes, 1/s, a
/// fraction). <see cref="With"/> replaces the one value and rebuilds the records along the path bottom-up through
/// their schema's builders, so every record rule checks the new value; the profile keeps its provenance, so
/// <see cref="ProfilePaths.SourceOf(object, string)"/> reports <see cref="Provenance.WhatIf"/> for the changed value and
/// its declared range no longer applies (<see cref="ProfilePaths.RangeOf(object, string)"/>).
/// <code>
/// var latency = new ProfileParameter(ProfileKind.Os, "mckernel", "Syscalls.OffloadLatency");
/// ProfileParameters.JsonPathOf(latency)             // "$.syscalls.offloadLatencySeconds"
/// ProfileParameters.Get(study, latency)             // 8E-06
/// var faster = ProfileParameters.With(study, latency, 2e-6);
/// </code>
/// Numbers (<see cref="FieldKind.Quantity"/>), whole numbers (<see cref="FieldKind.Integer"/>: integral values only), a
/// noise source's fixed detour duration ("Noise.Sources[0].Duration": <c>durationSeconds</c>, or a <c>"fixed"</c>
/// distribution's <c>seconds</c>) and each parameter of a parametric duration distribution, named by the duration followed
/// by the parameter's JSON name in <see cref="DurationSchema.Forms"/> ("Noise.Sources[0].Duration.alpha",
/// "….Duration.scaleSeconds", "….Duration.medianSeconds", "….Duration.sigma", "….Duration.meanSeconds"; a fixed duration's
/// "….Duration.seconds" is the same parameter as "….Duration") are parameters. Setting a distribution parameter rebuilds
/// the distribution through its form (<see cref="DistributionForm.Build"/>) with the other parameters unchanged, so the
/// distribution's record rules check it (a Pareto α &gt; 1, a median &gt; 0):
/// <code>
/// var alpha = new ProfileParameter(ProfileKind.Os, "linux", "Noise.Sources[0].Duration.alpha");
/// ProfileParameters.JsonPathOf(alpha)               // "$.noise.sources[0].duration.alpha"
/// ProfileParameters.RangeOf(study, alpha)           // the file's "range" of alpha
/// </code>
/// An empirical distribution's values and weights, node lists, flags, names and choices are not parameters: asking for one
/// throws with the reason.
/// </summary>
public static class ProfileParameters
{
    private static readonly Regex Segment = new(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:\[(?<index>[0-9]+)\])?$", RegexOptions.CultureInvariant);

    /// <summary>The JSON path of <paramref name="parameter"/> in its profile file, e.g. <c>$.syscalls.offloadLatencySeconds</c>;
    /// a noise source's duration as its fixed form, <c>$.noise.sources[0].durationSeconds</c>; a distribution's parameter
    /// in the duration object, <c>$.noise.sources[0].duration.alpha</c>.</summary>
    /// <exception cref="ArgumentException">The property path names no numeric field of the profile kind.</exception>
    public static string JsonPathOf(ProfileParameter parameter) => Resolve(parameter, null).JsonPath;

    /// <summary>The current value of <paramref name="parameter"/> in <paramref name="study"/>, in the file's unit.</summary>
    /// <exception cref="ArgumentException">The property path names no numeric field, or a list index is out of range, or a
    /// parameter the noise source's duration distribution does not have.</exception>
    /// <exception cref="KeyNotFoundException">The study has no OS or application of that name.</exception>
    /// <exception cref="NotSupportedException">A noise source's duration, named as a whole ("….Duration"), is a distribution
    /// other than a fixed one (name one of its parameters instead).</exception>
    public static double Get(Study study, ProfileParameter parameter)
    {
        var r = Resolve(parameter, ProfileOf(study, parameter));
        var leaf = r.Steps[^1];
        if (leaf.Field.Kind != FieldKind.Duration) return (double)leaf.Child!;
        return r.Form is null ? FixedSeconds(parameter, leaf.Child) : r.Form.Read((DurationDistribution)leaf.Child!)![r.Parameter];
    }

    /// <summary>
    /// <paramref name="study"/> with <paramref name="parameter"/> set to <paramref name="value"/> (in the file's unit) and
    /// nothing else changed: the records along the path are rebuilt through their schema (so the record rules, and the
    /// study's own, check the new value) and the profile keeps its provenance, so the value is reported as a what-if. A
    /// duration distribution's parameter is set by building the distribution again through its form
    /// (<see cref="DistributionForm.Build"/>) from its current parameters with that one replaced.
    /// </summary>
    /// <exception cref="ArgumentException">The property path names no numeric field (or a parameter the duration
    /// distribution does not have); the value is not finite, not whole for a whole-number field, or breaks a rule of the
    /// record, the distribution or the study (the message names the parameter and the rule).</exception>
    /// <exception cref="KeyNotFoundException">The study has no OS or application of that name.</exception>
    /// <exception cref="NotSupportedException">A noise source's duration, named as a whole ("….Duration"), is a distribution
    /// other than a fixed one (name one of its parameters instead).</exception>
    public static Study With(Study study, ProfileParameter parameter, double value)
    {
        var profile = ProfileOf(study, parameter);
        var r = Resolve(parameter, profile);
        var leaf = r.Steps[^1];
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, $"{parameter} ({r.JsonPath}) = {text}: must be a finite number");
        if (leaf.Field.Kind == FieldKind.Integer && (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue))
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{parameter} ({r.JsonPath}) = {text}: must be a whole number (the field is)");
        if (leaf.Field.Kind == FieldKind.Duration && r.Form is null) _ = FixedSeconds(parameter, leaf.Child);
        try
        {
            object? replacement = leaf.Field.Kind switch
            {
                FieldKind.Integer => (int)value,
                FieldKind.Duration when r.Form is { } form => form.Build(Replaced(form.Read((DurationDistribution)leaf.Child!)!, r.Parameter, value)),
                FieldKind.Duration => new FixedDuration(TimeInterval.FromSeconds(value)),
                _ => value,
            };
            for (var i = r.Steps.Count - 1; i >= 0; i--)
            {
                var step = r.Steps[i];
                var values = step.Schema.Fields.ToDictionary(f => f.Property, f => f.Get(step.Record!));
                if (step.Index >= 0)
                {
                    var items = ((object[])values[step.Field.Property]!).ToArray();
                    items[step.Index] = replacement!;
                    values[step.Field.Property] = items;
                }
                else values[step.Field.Property] = replacement;
                replacement = step.Schema.Build(new FieldValues(values));
            }
            return replacement switch
            {
                Platform p => study.With(p with { Provenance = ((Platform)profile).Provenance }),
                OsProfile o => study.With(o with { Provenance = ((OsProfile)profile).Provenance }),
                AppProfile a => study.With(a with { Provenance = ((AppProfile)profile).Provenance }),
                _ => throw new InvalidOperationException($"{parameter}: the schema built a {replacement?.GetType().Name}"),
            };
        }
        catch (InvalidDescriptionException e)
        {
            throw new ArgumentException($"{parameter} ({r.JsonPath}) = {text}: {e.Message}", nameof(value), e);
        }
    }

    /// <summary>The uncertainty range the profile file declares for the current value of <paramref name="parameter"/>,
    /// or null (none declared, or the value was changed in code: see <see cref="ProfilePaths.RangeOf(object, string)"/>).</summary>
    /// <exception cref="ArgumentException">The property path names no numeric field.</exception>
    /// <exception cref="KeyNotFoundException">The study has no OS or application of that name.</exception>
    public static ValueRange? RangeOf(Study study, ProfileParameter parameter)
    {
        var profile = ProfileOf(study, parameter);
        return ProfilePaths.RangeOf(profile, Resolve(parameter, profile).JsonPath);
    }

    /// <summary>Every parameter of <paramref name="study"/> whose current value has a declared range: the platform's,
    /// then each OS's and each application's in the study's order, each in file order — duration distributions'
    /// parameters included ("Noise.Sources[0].Duration.alpha"; a fixed duration as "Noise.Sources[0].Duration").</summary>
    public static IReadOnlyList<ProfileParameter> Ranged(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var list = new List<ProfileParameter>();
        Add(list, ProfileKind.Platform, study.Platform.Name, study.Platform);
        foreach (var os in study.Oses) Add(list, ProfileKind.Os, os.Name, os);
        foreach (var app in study.Apps) Add(list, ProfileKind.App, app.Name, app);
        return list;

        static void Add(List<ProfileParameter> list, ProfileKind kind, string name, object profile)
        {
            var provenance = ProfilePaths.ProvenanceOf(profile);
            var values = ProfilePaths.Values(profile).ToDictionary(v => v.Path);
            foreach (var (property, json) in Leaves(profile, ProfilePaths.SchemaOf(profile), "", "$", provenance))
                if (values.TryGetValue(json, out var v) && ProfilePaths.RangeOf(provenance, v) is not null)
                    list.Add(new ProfileParameter(kind, name, property));
        }
    }

    /// <summary>How the parameter's field is written (<see cref="FieldKind.Quantity"/>, <see cref="FieldKind.Integer"/> or
    /// <see cref="FieldKind.Duration"/>).</summary>
    internal static FieldKind KindOf(ProfileParameter parameter) => Resolve(parameter, null).Steps[^1].Field.Kind;

    /// <summary>The numeric leaves of a profile: (record property path, JSON path), fixed durations and the parameters of
    /// parametric duration distributions included.</summary>
    private static IEnumerable<(string Property, string Json)> Leaves(object record, ObjectSchema schema, string property, string json, Provenance provenance)
    {
        foreach (var f in schema.Fields)
        {
            var p = property + f.Property;
            var j = $"{json}.{f.Json}";
            switch (f.Kind)
            {
                case FieldKind.Quantity or FieldKind.Integer:
                    yield return (p, j);
                    break;
                case FieldKind.Duration when f.Get(record) is FixedDuration:
                    yield return (p, DurationPath(json, provenance));
                    break;
                case FieldKind.Duration when FormOf((DurationDistribution)f.Get(record)!) is { } form:
                    foreach (var (parameter, _) in form.Parameters)
                        yield return ($"{p}.{parameter}", $"{json}.{DurationSchema.DistributionField}.{parameter}");
                    break;
                case FieldKind.Object:
                    foreach (var leaf in Leaves(f.Get(record)!, f.Item!, p + ".", j, provenance)) yield return leaf;
                    break;
                case FieldKind.ObjectArray:
                    var items = (object[])f.Get(record)!;
                    for (var i = 0; i < items.Length; i++)
                        foreach (var leaf in Leaves(items[i], f.Item!, $"{p}[{i}].", $"{j}[{i}]", provenance)) yield return leaf;
                    break;
            }
        }
    }

    /// <summary>Where a fixed duration lives in the file: <c>durationSeconds</c>, or <c>duration.seconds</c> when it was
    /// read as a "fixed" distribution (as <see cref="ProfilePaths.Values"/> decides).</summary>
    private static string DurationPath(string sourcePath, Provenance provenance)
    {
        var distribution = $"{sourcePath}.{DurationSchema.DistributionField}.{DurationSchema.Forms[0].Parameters[0].Json}";
        return provenance.ByPath.ContainsKey(distribution) ? distribution : $"{sourcePath}.{DurationSchema.FixedField}";
    }

    private static double FixedSeconds(ProfileParameter parameter, object? duration) => duration is FixedDuration f
        ? f.Duration.Seconds
        : throw new NotSupportedException($"{parameter}: the detour duration has the '{FormOf((DurationDistribution)duration!)?.Name ?? DurationSchema.Empirical}' "
            + $"form; only a fixed duration ({DurationSchema.FixedField}, or distribution \"fixed\") can be read or set as one number"
            + (FormOf((DurationDistribution)duration!) is { } form ? $" (name one of its parameters instead: {string.Join(", ", form.Parameters.Select(x => $"{parameter.PropertyPath}.{x.Json}"))})" : ""));

    /// <summary>The parametric form of <paramref name="duration"/>, or null for an empirical distribution.</summary>
    private static DistributionForm? FormOf(DurationDistribution duration) => DurationSchema.Forms.FirstOrDefault(form => form.Read(duration) is not null);

    /// <summary><paramref name="parameters"/> with the one at <paramref name="index"/> replaced by <paramref name="value"/>.</summary>
    private static double[] Replaced(double[] parameters, int index, double value)
    {
        var copy = parameters.ToArray();
        copy[index] = value;
        return copy;
    }

    private static object ProfileOf(Study study, ProfileParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(parameter);
        try
        {
            return parameter.Kind switch
            {
                ProfileKind.Platform => study.Platform,
                ProfileKind.Os => study.Os[parameter.Profile],
                ProfileKind.App => study.App[parameter.Profile],
                _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter.Kind, $"{parameter}: not a profile kind"),
            };
        }
        catch (KeyNotFoundException e)
        {
            throw new KeyNotFoundException($"{parameter}: {e.Message}", e);
        }
    }

    /// <summary>One object on the way to the parameter: the record (null when resolving without a profile), its schema, the
    /// field taken, the list index taken (−1 for none) and the value found there.</summary>
    private sealed record Step(object? Record, ObjectSchema Schema, FieldSchema Field, int Index, object? Child);

    /// <summary>Where the parameter is: the steps taken, its JSON path, and for a duration distribution's parameter the
    /// distribution's form and the parameter's index in it (null and −1 for anything else, a fixed duration included).</summary>
    private sealed record Resolution(IReadOnlyList<Step> Steps, string JsonPath, DistributionForm? Form = null, int Parameter = -1);

    /// <summary>Walks the property path through the schema (and the profile, when given), checking every segment.</summary>
    private static Resolution Resolve(ProfileParameter parameter, object? profile)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentException.ThrowIfNullOrWhiteSpace(parameter.PropertyPath, nameof(parameter));
        var schema = ProfileSchema.Of(parameter.Kind);
        var record = profile;
        var path = "$";
        var steps = new List<Step>();
        var segments = parameter.PropertyPath.Split('.');
        for (var s = 0; s < segments.Length; s++)
        {
            var m = Segment.Match(segments[s]);
            if (!m.Success) throw Bad(parameter, $"'{segments[s]}' is not a property name (Name, or Name[i] after a list)");
            var name = m.Groups["name"].Value;
            var index = m.Groups["index"].Success ? int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture) : -1;
            var last = s == segments.Length - 1;
            var f = schema.ByProperty(name)
                ?? throw Bad(parameter, $"{schema.Type.Name} has no property '{name}'; known: {string.Join(", ", schema.Fields.Select(x => x.Property))}");
            if (index >= 0 && f.Kind != FieldKind.ObjectArray)
                throw Bad(parameter, $"{schema.Type.Name}.{name} is {Describe(f.Kind)}, not a list of objects: '[{index}]' does not apply");
            if (index < 0 && f.Kind == FieldKind.ObjectArray)
                throw Bad(parameter, $"{schema.Type.Name}.{name} is a list of objects: name an item and its property, e.g. {name}[0].…");
            object? child = record is null ? null : f.Get(record);
            if (index >= 0 && child is object[] items)
            {
                if (index >= items.Length) throw Bad(parameter, $"{schema.Type.Name}.{name} has {items.Length} item(s); [{index}] is out of range");
                child = items[index];
            }
            if (f.Kind == FieldKind.Duration)
            {
                steps.Add(new Step(record, schema, f, index, child));
                var fixedPath = record is null ? $"{path}.{DurationSchema.FixedField}" : DurationPath(path, ProfilePaths.ProvenanceOf(profile!));
                if (last) return new Resolution(steps, fixedPath);
                return ResolveDistributionParameter(parameter, steps, path, $"{schema.Type.Name}.{name}", segments[(s + 1)..], (DurationDistribution?)child, fixedPath);
            }
            path = index >= 0 ? $"{path}.{f.Json}[{index}]" : $"{path}.{f.Json}";
            steps.Add(new Step(record, schema, f, index, child));
            if (last)
            {
                if (f.Kind is not (FieldKind.Quantity or FieldKind.Integer))
                    throw Bad(parameter, $"{schema.Type.Name}.{name} is {Describe(f.Kind)}, not a number");
                return new Resolution(steps, path);
            }
            if (f.Item is null) throw Bad(parameter, $"{schema.Type.Name}.{name} is {Describe(f.Kind)}; it has no property '{segments[s + 1]}'");
            schema = f.Item;
            record = child;
        }
        throw Bad(parameter, "empty property path");
    }

    /// <summary>The rest of a path after a noise source's duration: one parameter of a parametric distribution, by its JSON
    /// name (<see cref="DurationSchema.Forms"/>), which the source's distribution (when known) must have; a fixed
    /// duration's <c>seconds</c> is the fixed duration itself.</summary>
    private static Resolution ResolveDistributionParameter(ProfileParameter parameter, List<Step> steps, string sourcePath, string field, string[] rest,
        DurationDistribution? duration, string fixedPath)
    {
        var known = DurationSchema.Forms.SelectMany(form => form.Parameters.Select((p, i) => (Form: form, Index: i, p.Json))).ToArray();
        string Listed(DistributionForm form) => string.Join(", ", form.Parameters.Select(p => p.Json));
        var json = rest[0];
        var (found, index, _) = known.FirstOrDefault(k => k.Json == json);
        if (found is null)
            throw Bad(parameter, $"{field} is a detour duration; '{json}' is not a parameter of its distributions ({string.Join("; ", DurationSchema.Forms.Select(form => $"{form.Name}: {Listed(form)}"))})");
        if (rest.Length > 1) throw Bad(parameter, $"{field}.{json} is a number; it has no property '{rest[1]}'");
        if (duration is not null)
        {
            var actual = FormOf(duration);
            if (actual is null)
                throw Bad(parameter, $"{field} is an '{DurationSchema.Empirical}' distribution; its {DurationSchema.ValuesField} and {DurationSchema.WeightsField} are not parameters");
            if (!ReferenceEquals(actual, found))
                throw Bad(parameter, $"{field} is a '{actual.Name}' distribution ({Listed(actual)}); it has no parameter '{json}'");
            if (duration is FixedDuration) return new Resolution(steps, fixedPath);
        }
        return new Resolution(steps, $"{sourcePath}.{DurationSchema.DistributionField}.{json}", found, index);
    }

    private static string Describe(FieldKind kind) => kind switch
    {
        FieldKind.Quantity => "a number",
        FieldKind.Integer => "a whole number",
        FieldKind.Boolean => "a flag (true/false)",
        FieldKind.Text => "a text field",
        FieldKind.Choice => "a choice of names",
        FieldKind.Object => "a nested object",
        FieldKind.ObjectArray => "a list of objects",
        FieldKind.Duration => "a detour duration",
        FieldKind.NodeList => "a list of node counts",
        _ => kind.ToString(),
    };

    private static ArgumentException Bad(ProfileParameter parameter, string why) =>
        new($"{parameter}: {why}", nameof(parameter));
}
