namespace PerfModel.Predictions;

/// <summary>How a mechanism's time enters a bulk-synchronous iteration.</summary>
public enum TermRole
{
    /// <summary>Time every rank spends between synchronisation points; the noise model spreads detours over it.</summary>
    Work,

    /// <summary>Time inside the synchronisation points themselves (messages, collectives).</summary>
    Communication,

    /// <summary>Waiting caused by the other terms (the noise delay at synchronisation points).</summary>
    Delay,
}
