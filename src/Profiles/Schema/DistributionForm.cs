using System.Collections.Immutable;
using PerfModel.Noise;

namespace PerfModel.Profiles.Schema;

/// <summary>One parametric distribution of <see cref="DurationSchema"/>.</summary>
/// <param name="Name">Its <c>distribution</c> name.</param>
/// <param name="Parameters">Parameter fields in order, with their descriptions.</param>
/// <param name="Build">Builds the distribution from the parameters (validated when made).</param>
/// <param name="Read">The parameters of a distribution of this form, or null for another form.</param>
public sealed record DistributionForm(string Name, ImmutableArray<(string Json, string Description)> Parameters,
    Func<double[], DurationDistribution> Build, Func<DurationDistribution, double[]?> Read);
