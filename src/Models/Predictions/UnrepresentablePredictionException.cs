using PerfModel.Descriptions;

namespace PerfModel.Predictions;

/// <summary>
/// A scenario whose prediction the model cannot represent: a result that would not be a finite number (a runtime,
/// figure of merit or run spread of Infinity or NaN), or a step beyond the range of a mechanism model (more detours per
/// step than the noise closed forms resolve). Every input within <see cref="QuantityLimits"/> keeps a prediction finite,
/// so this names the scenario — application, OS, nodes — and the cause, instead of printing Infinity or NaN.
/// </summary>
public sealed class UnrepresentablePredictionException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The scenario predicted.</param>
    /// <param name="reason">What cannot be represented, e.g. "the runtime is Infinity s".</param>
    /// <param name="inner">The model's own error, when one stopped the prediction.</param>
    public UnrepresentablePredictionException(Scenario scenario, string reason, Exception? inner = null)
        : base(Text(scenario, reason), inner)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        App = scenario.App.Name;
        Os = scenario.Os.Name;
        Nodes = scenario.Nodes;
        Reason = reason;
    }

    /// <summary>The application's name.</summary>
    public string App { get; }

    /// <summary>The OS's name.</summary>
    public string Os { get; }

    /// <summary>The node count.</summary>
    public int Nodes { get; }

    /// <summary>What cannot be represented.</summary>
    public string Reason { get; }

    /// <summary>"cannot predict minife on linux at 2 nodes: reason".</summary>
    public override string Message => Text(App, Os, Nodes, Reason);

    private static string Text(Scenario scenario, string reason) =>
        scenario is null ? reason : Text(scenario.App.Name, scenario.Os.Name, scenario.Nodes, reason);

    private static string Text(string app, string os, int nodes, string reason) =>
        $"cannot predict {app} on {os} at {nodes} node{(nodes == 1 ? "" : "s")}: {reason}";
}
