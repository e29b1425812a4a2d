namespace PerfModel.Descriptions;

/// <summary>How an application's problem grows with the node count.</summary>
public enum ScalingMode
{
    /// <summary>The work per rank stays fixed.</summary>
    Weak,

    /// <summary>The total work stays fixed and is divided between the ranks.</summary>
    Strong,
}
