using System.Collections.Immutable;
using PerfModel.Descriptions;

namespace PerfModel.Profiles;

/// <summary>
/// Predictions as one profile number varies: for each value, the study with that value (<see cref="ProfileParameters.With"/>,
/// so every record rule checks it and its provenance says what-if) and its sweep of the given applications, OSes and node
/// counts. The what-if tool of a notebook: a per-rank footprint against the placement policies, a larger MCDRAM, another
/// offload latency.
/// <code>
/// var footprint = new ProfileParameter(ProfileKind.App, "ccs-qcd", "FootprintPerRank");
/// var result = ParameterSweep.Run(study, footprint, [1 * GiB, 4 * GiB, 16 * GiB], apps: ["ccs-qcd"], nodes: [1]);
/// </code>
/// Pure; predictions run in parallel and come back in a fixed order.
/// </summary>
public static class ParameterSweep
{
    /// <summary>The sweep of <paramref name="study"/> at each value of <paramref name="parameter"/> (in the profile file's
    /// unit), in the order given.</summary>
    /// <exception cref="ArgumentException">The parameter names no number, or a value breaks a rule (the message names both).</exception>
    /// <exception cref="KeyNotFoundException">An application or OS is not in the study.</exception>
    public static ParameterSweepResult Run(Study study, ProfileParameter parameter, IEnumerable<double> values,
        IEnumerable<string>? apps = null, IEnumerable<string>? oses = null, IEnumerable<int>? nodes = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(values);
        var (a, o, n) = (apps?.ToArray(), oses?.ToArray(), nodes?.ToArray());
        var list = values.ToArray();
        var studies = list.Select(v => ProfileParameters.With(study, parameter, v)).ToArray();
        var sweeps = new Sweep[list.Length];
        Parallel.For(0, list.Length, i => sweeps[i] = studies[i].Sweep(a, o, n));
        return new ParameterSweepResult(parameter, ProfileParameters.Get(study, parameter), [.. list.Select((v, i) => new ParameterSweepPoint(v, sweeps[i]))]);
    }
}
