using PerfModel.Descriptions;

namespace PerfModel.Profiles;

/// <summary>One ranged parameter searched by <see cref="Sensitivity.KnifeEdges"/>:
/// which, how many of them are done and how many there are, and the knife edges it holds.</summary>
/// <param name="Parameter">The parameter just searched.</param>
/// <param name="Searched">Parameters searched so far, this one included (1 … <paramref name="Total"/>, in the order they
/// finish: the search runs them in parallel).</param>
/// <param name="Total">Parameters with a declared range.</param>
/// <param name="Edges">Rows whose verdict this parameter's range flips.</param>
public sealed record KnifeEdgeProgress(ProfileParameter Parameter, int Searched, int Total, int Edges);
