using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using PerfModel.Predictions;

namespace PerfModel.Tests.Conventions;

/// <summary>
/// Style rules of the libraries as failing tests (after NodaTime's MutabilityTest and PurityTest): public records are
/// immutable, no static state is mutable, every public quantity of the descriptions and results is a unit type or marked
/// dimensionless, no public mutable collection, every unit struct has value equality, every mechanism model cites its
/// formula. The libraries are the four assemblies under src/ (Models, Profiles, Calibration, Reports).
/// </summary>
public sealed class ConventionTests
{
    private static readonly Assembly[] Libraries =
    [
        typeof(Study).Assembly,                                        // PerfModel.Models
        typeof(PerfModel.Profiles.Defaults).Assembly,                  // PerfModel.Profiles
        typeof(PerfModel.Calibration.Synthesis.CalibratedProfiles).Assembly,
        typeof(PerfModel.Reports.Figures.ReportFigures).Assembly,
    ];

    /// <summary>Namespaces whose public doubles must be unit types or [Dimensionless]: what a notebook user lives in.</summary>
    private static readonly string[] StrictNamespaces =
        ["PerfModel", "PerfModel.Descriptions", "PerfModel.Predictions", "PerfModel.Memory", "PerfModel.Communication", "PerfModel.Syscalls", "PerfModel.Validation"];

    private static IEnumerable<Type> PublicTypes => Libraries.SelectMany(a => a.GetExportedTypes());

    private static bool IsCompilerGenerated(MemberInfo m) => m.GetCustomAttribute<CompilerGeneratedAttribute>() is not null || m.Name.Contains('<');

    [Fact]
    public void Public_properties_have_no_setter_other_than_init()
    {
        var offenders = (from t in PublicTypes
                         from p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                         let set = p.SetMethod
                         where set is { IsPublic: true } && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit))
                         select $"{t.FullName}.{p.Name}").ToArray();
        Assert.True(offenders.Length == 0, "mutable public properties: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Public_fields_are_readonly()
    {
        var offenders = (from t in PublicTypes
                         from f in t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                         where !f.IsInitOnly && !f.IsLiteral && !t.IsEnum
                         select $"{t.FullName}.{f.Name}").ToArray();
        Assert.True(offenders.Length == 0, "writable public fields: " + string.Join(", ", offenders));
    }

    [Fact]
    public void No_static_field_is_mutable()
    {
        var offenders = (from a in Libraries
                         from t in a.GetTypes()
                         where !IsCompilerGenerated(t) && !t.IsEnum
                         from f in t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                         where !f.IsInitOnly && !f.IsLiteral && !IsCompilerGenerated(f)
                         select $"{t.FullName}.{f.Name}").ToArray();
        Assert.True(offenders.Length == 0, "mutable static fields: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Static_readonly_fields_hold_immutable_values()
    {
        // A static readonly List or array can still be changed through it.
        var offenders = (from a in Libraries
                         from t in a.GetTypes()
                         where !IsCompilerGenerated(t)
                         from f in t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                         where f.IsInitOnly && IsMutableCollection(f.FieldType)
                         select $"{t.FullName}.{f.Name} ({f.FieldType.Name})").ToArray();
        Assert.True(offenders.Length == 0, "static readonly mutable collections: " + string.Join(", ", offenders));
    }

    [Fact]
    public void No_public_property_exposes_a_mutable_collection()
    {
        var offenders = (from t in PublicTypes
                         from p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                         where IsMutableCollection(p.PropertyType)
                         select $"{t.FullName}.{p.Name} ({p.PropertyType.Name})").ToArray();
        Assert.True(offenders.Length == 0, "public mutable collections: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_public_quantity_of_the_descriptions_and_results_is_a_unit_type_or_dimensionless()
    {
        var offenders = (from t in PublicTypes
                         where StrictNamespaces.Contains(t.Namespace)
                         from p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                         where p.PropertyType == typeof(double) || p.PropertyType == typeof(float)
                         where p.GetCustomAttribute<DimensionlessAttribute>() is null && !p.Name.EndsWith("Seconds2", StringComparison.Ordinal)
                         select $"{t.FullName}.{p.Name}").ToArray();
        Assert.True(offenders.Length == 0, "doubles that are neither a unit type nor [Dimensionless]: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Dimensionless_marks_say_what_the_number_is() =>
        Assert.All(PublicTypes.SelectMany(t => t.GetProperties()).Select(p => p.GetCustomAttribute<DimensionlessAttribute>()).OfType<DimensionlessAttribute>(),
            a => Assert.False(string.IsNullOrWhiteSpace(a.Reason)));

    [Fact]
    public void Public_records_are_sealed_unless_designed_for_derivation()
    {
        // MechanismTerm and DurationDistribution are the two base records of the library.
        var allowed = new[] { typeof(MechanismTerm), typeof(PerfModel.Noise.DurationDistribution) };
        var offenders = PublicTypes.Where(t => t.IsClass && !t.IsAbstract && !t.IsSealed && t.GetMethod("<Clone>$") is not null && !allowed.Contains(t))
            .Select(t => t.FullName).ToArray();
        Assert.True(offenders.Length == 0, "unsealed records: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Unit_structs_have_value_equality_and_an_invariant_text_form()
    {
        var units = typeof(TimeInterval).Assembly.GetExportedTypes().Where(t => t.IsValueType && !t.IsEnum && t.Namespace == "PerfModel.Units").ToArray();
        Assert.Equal(5, units.Length);
        foreach (var u in units)
        {
            Assert.True(u.IsDefined(typeof(IsReadOnlyAttribute)), $"{u.Name} is not a readonly struct");
            Assert.Contains(typeof(IEquatable<>).MakeGenericType(u), u.GetInterfaces());
            Assert.Contains(typeof(IComparable<>).MakeGenericType(u), u.GetInterfaces());
            Assert.NotNull(u.GetMethod("op_Equality", [u, u]));
            Assert.NotNull(u.GetMethod("Parse", [typeof(string)]));
            Assert.Equal(u, u.GetMethod("ToString", Type.EmptyTypes)!.DeclaringType);
        }
    }

    [Fact]
    public void Every_mechanism_model_of_the_default_predictor_cites_its_formula()
    {
        Assert.Equal(7, Predictor.Default.Models.Length);
        Assert.All(Predictor.Default.Models, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Info.Citation));
            Assert.False(string.IsNullOrWhiteSpace(m.Info.Title));
        });
        Assert.Equal(Enum.GetValues<Mechanism>().Where(m => m != Mechanism.Other), Predictor.Default.Models.Select(m => m.Info.Mechanism).Order());
    }

    [Fact]
    public void One_public_type_per_file_and_the_file_is_named_after_it()
    {
        var src = Path.Combine(RepoPaths.Root(), "src");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            var text = File.ReadAllText(file);
            var types = System.Text.RegularExpressions.Regex.Matches(text, @"^public (?:sealed |static |abstract |readonly |partial )*(?:record struct|record|class|struct|interface|enum) (\w+)", System.Text.RegularExpressions.RegexOptions.Multiline)
                .Select(m => m.Groups[1].Value).ToArray();
            if (types.Length > 1 || (types.Length == 1 && types[0] != Path.GetFileNameWithoutExtension(file)))
                offenders.Add($"{Path.GetRelativePath(src, file)}: {string.Join(", ", types)}");
        }
        Assert.True(offenders.Count == 0, "files breaking one-public-type-per-file: " + string.Join("; ", offenders));
    }

    [Fact]
    public void Folders_match_namespaces()
    {
        var roots = new Dictionary<string, string>
        {
            ["Models"] = "PerfModel", ["Profiles"] = "PerfModel.Profiles", ["Calibration"] = "PerfModel.Calibration", ["Reports"] = "PerfModel.Reports", ["Cli"] = "PerfModel.Cli",
            ["Interactive"] = "PerfModel.Interactive",
        };
        var src = Path.Combine(RepoPaths.Root(), "src");
        var offenders = new List<string>();
        foreach (var (dir, ns) in roots)
            foreach (var file in Directory.EnumerateFiles(Path.Combine(src, dir), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
            {
                var rel = Path.GetDirectoryName(Path.GetRelativePath(Path.Combine(src, dir), file))!;
                var expected = rel.Length == 0 ? ns : ns + "." + rel.Replace('/', '.');
                var m = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(file), @"^namespace ([\w.]+);", System.Text.RegularExpressions.RegexOptions.Multiline);
                if (m.Success && m.Groups[1].Value != expected) offenders.Add($"{dir}/{Path.GetRelativePath(Path.Combine(src, dir), file)}: {m.Groups[1].Value} (expected {expected})");
            }
        Assert.True(offenders.Count == 0, "namespaces that do not match their folder: " + string.Join("; ", offenders));
    }

    [Fact]
    public void No_library_source_cites_a_document_users_do_not_have()
    {
        var offenders = Directory.EnumerateFiles(RepoPaths.Root(), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".json") || f.EndsWith(".md")) && !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/.git/")
                        && !f.Contains("/tests/golden/baseline/"))
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"facts\.md|\bfacts \d|\bfacts §"))
            .Select(f => Path.GetRelativePath(RepoPaths.Root(), f)).ToArray();
        Assert.True(offenders.Length == 0, "files citing the private data sheet: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_cited_source_anchor_exists()
    {
        // Provenance strings and doc comments cite anchors of docs/sources.md; each must be a heading there.
        var root = RepoPaths.Root();
        var anchors = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Path.Combine(root, "docs", "sources.md")), @"^## ([a-z0-9-]+)\s*$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToHashSet();
        var cited = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".json") || f.EndsWith(".md")) && !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/.git/"))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"sources\.md#([a-z0-9-]+)").Select(m => (File: Path.GetRelativePath(root, f), Anchor: m.Groups[1].Value)))
            .ToArray();
        Assert.NotEmpty(cited);
        var missing = cited.Where(c => !anchors.Contains(c.Anchor)).Select(c => $"{c.File}: #{c.Anchor}").Distinct().ToArray();
        Assert.True(missing.Length == 0, "citations of missing anchors: " + string.Join(", ", missing));
    }

    private static bool IsMutableCollection(Type t)
    {
        if (t == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(t)) return false;
        if (t.IsArray) return true;
        if (t.IsGenericType && t.GetGenericTypeDefinition() is var g && (g == typeof(ImmutableArray<>) || g.Namespace == "System.Collections.Immutable")) return false;
        if (t.IsInterface) return t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(IList<>) || t.GetGenericTypeDefinition() == typeof(ICollection<>) || t.GetGenericTypeDefinition() == typeof(IDictionary<,>) || t.GetGenericTypeDefinition() == typeof(ISet<>));
        if (t.Namespace == "System.Collections.Immutable") return false;
        // Our own read-only lists (Sweep, TermSet, ProfileLookup) implement only IReadOnlyList.
        return t.GetInterfaces().Any(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IList<>) || i.GetGenericTypeDefinition() == typeof(ICollection<>)) ) || typeof(IList).IsAssignableFrom(t);
    }
}
