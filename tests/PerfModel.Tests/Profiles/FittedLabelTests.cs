using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Profiles.Schema;
using PerfModel.Validation;

namespace PerfModel.Tests.Profiles;

/// <summary>
/// Honest labels: a parameter fitted to a published number says FITTED and names that row in its provenance, and the row
/// lists it (so the validate table marks the row 'fitted' and never counts it as validated). Both directions are
/// checked, so neither a silent fit nor a stale label can slip in.
/// </summary>
public sealed class FittedLabelTests
{
    private static readonly Study Study = Defaults.Study();

    private static string SourceOf(ProfileParameter p)
    {
        object profile = p.Kind switch
        {
            ProfileKind.Platform => Study.Platform,
            ProfileKind.Os => Study.Os[p.Profile],
            _ => Study.App[p.Profile],
        };
        return ProfilePaths.SourceOf(profile, ProfileSchema.JsonPath(ProfileSchema.Of(p.Kind), p.PropertyPath));
    }

    public static TheoryData<string> FittedRows() => [.. PaperTargets.All.Where(t => t.Fitted).Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(FittedRows))]
    public void Every_fitted_parameter_says_fitted_and_names_its_row(string id)
    {
        foreach (var p in PaperTargets.Get(id).FittedParameters)
        {
            var source = SourceOf(p);
            Assert.Contains("FITTED", source, StringComparison.Ordinal);
            Assert.Contains($"row {id}", source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_value_that_says_fitted_belongs_to_a_row_that_lists_it()
    {
        var listed = PaperTargets.All.SelectMany(t => t.FittedParameters.Select(p => (Path: ProfileSchema.JsonPath(ProfileSchema.Of(p.Kind), p.PropertyPath), p.Kind, p.Profile, Row: t.Id))).ToArray();
        var profiles = new (ProfileKind Kind, string Name, Provenance Provenance)[] { (ProfileKind.Platform, Study.Platform.Name, Study.Platform.Provenance) }
            .Concat(Study.Oses.Select(o => (ProfileKind.Os, o.Name, o.Provenance)))
            .Concat(Study.Apps.Select(a => (ProfileKind.App, a.Name, a.Provenance)));
        var found = 0;
        foreach (var (kind, name, provenance) in profiles)
            foreach (var (path, entry) in provenance.ByPath.Where(e => e.Value.Source.Contains("FITTED", StringComparison.Ordinal)))
            {
                found++;
                Assert.True(listed.Any(l => l.Kind == kind && (kind == ProfileKind.Platform || l.Profile == name) && l.Path == path && entry.Source.Contains($"row {l.Row}", StringComparison.Ordinal)),
                    $"{kind} {name} {path} says FITTED but no validation row lists it with that name: {entry.Source}");
            }
        Assert.Equal(listed.Length, found);
    }
}
