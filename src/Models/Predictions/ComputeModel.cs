using PerfModel.Units;

namespace PerfModel.Predictions;

/// <summary>Core work: the application's compute time per rank and iteration, divided by the node count when strong
/// scaled (<see cref="RankLoad.Compute"/>). Part of the work between synchronisation points.</summary>
public sealed class ComputeModel : IMechanismModel
{
    /// <summary>The model.</summary>
    public static readonly ComputeModel Instance = new();

    /// <inheritdoc />
    public ModelInfo Info { get; } = new()
    {
        Id = "compute", Title = "Core work per iteration (profile value, strong scaling applied)", Mechanism = Mechanism.Compute,
        Citation = "application profile (data/apps), fitted or measured per application",
    };

    /// <inheritdoc />
    public MechanismTerm Evaluate(RankLoad load, TermSet upstream)
    {
        ArgumentNullException.ThrowIfNull(load);
        return new MechanismTerm { ModelId = Info.Id, Mechanism = Mechanism.Compute, Role = TermRole.Work, PerIteration = load.Compute };
    }
}
