using PerfModel.Internal;

namespace PerfModel.Predictions;

/// <summary>What a mechanism model is: an identifier, a title, the breakdown category it reports, and where its formula
/// comes from. Valid when made: identifier, title and citation not empty.</summary>
public sealed record ModelInfo
{
    /// <summary>Stable identifier, e.g. "memory-placement".</summary>
    public required string Id { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>One-line title.</summary>
    public required string Title { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>The breakdown category of the model's term.</summary>
    public required Mechanism Mechanism { get; init; }

    /// <summary>Reference of the formula (paper section, DOI).</summary>
    public required string Citation { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>"Id: Title".</summary>
    public override string ToString() => $"{Id}: {Title}";
}
