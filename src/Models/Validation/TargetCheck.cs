namespace PerfModel.Validation;

/// <summary>How a published number is compared with the model: always on the size of the effect (a ratio − 1, or a log
/// ratio), never on a ratio near 1, so that a model without the effect fails.</summary>
public enum TargetCheck
{
    /// <summary>A calibration anchor in the target's own unit (an absolute figure of merit a parameter was fitted to):
    /// |model − paper| / paper within the tolerance. Claims no OS effect.</summary>
    Anchor,

    /// <summary>An effect: |(model ratio − 1) − (paper ratio − 1)| within the tolerance, in percentage points.</summary>
    Effect,

    /// <summary>A large factor: |ln model − ln paper| within the tolerance (a log ratio).</summary>
    LogRatio,

    /// <summary>A shape: the effect must be at least the bound (e.g. a visible drop).</summary>
    AtLeast,

    /// <summary>A shape: the advantage at the small scale is at least the bound while at the large scale it is gone (≤ 0):
    /// a crossover.</summary>
    Crossover,

    /// <summary>A shape: the largest ratio over the node counts leaves the figure's window (exceeds the bound).</summary>
    LeavesWindow,
}
