using System.Collections.Immutable;
using PerfModel.Descriptions;
using PerfModel.Noise;

namespace PerfModel.Profiles.Schema;

/// <summary>One parametric distribution of <see cref="DurationSchema"/>.</summary>
/// <param name="Name">Its <c>distribution</c> name.</param>
/// <param name="Parameters">Parameter fields in order, with their descriptions.</param>
/// <param name="Build">Builds the distribution from the parameters (validated when made).</param>
/// <param name="Read">The parameters of a distribution of this form, or null for another form.</param>
public sealed record DistributionForm(string Name, ImmutableArray<(string Json, string Description)> Parameters,
    Func<double[], DurationDistribution> Build, Func<DurationDistribution, double[]?> Read)
{
    /// <summary>The values each parameter may take, in the order of <see cref="Parameters"/>: exactly the values the
    /// distribution's record accepts for it on its own (a scale or median &gt; 0, a Pareto α &gt; 1), within the
    /// <see cref="QuantityLimits"/> the model can represent. The reader checks them (<see cref="DurationSchema.LimitOf"/>)
    /// and the JSON Schemas state them.</summary>
    public ImmutableArray<QuantityLimit> Limits { get; init; } = [];
}
