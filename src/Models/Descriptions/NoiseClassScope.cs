namespace PerfModel.Descriptions;

/// <summary>What a noise class (<see cref="NodeNoiseClass"/>) is drawn for: whole nodes, or single cores.</summary>
public enum NoiseClassScope
{
    /// <summary>Each node joins the class independently, and then every core of it has the class's noise (a few bad nodes).</summary>
    Node,

    /// <summary>Each core (each participant of a synchronisation) joins the class independently (a few noisier cores
    /// spread over the nodes, e.g. the one core per node that a device interrupt or a per-CPU kernel thread is bound to).</summary>
    Core,
}
