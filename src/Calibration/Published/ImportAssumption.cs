namespace PerfModel.Calibration.Published;

/// <summary>One assumption of <c>calibrate import</c> (<see cref="ImportAssumptions"/>): a named number that the published
/// measurements do not give, with a plausible range and the reason for both.</summary>
/// <param name="Name">Its key in the assumptions file (e.g. <c>knlOverheadFactor</c>).</param>
/// <param name="Value">The value used.</param>
/// <param name="Low">Low end of the plausible range.</param>
/// <param name="High">High end of the plausible range.</param>
/// <param name="Reason">Why this value and this range (the file's <c>estimate</c> or <c>source</c> text).</param>
public sealed record ImportAssumption(string Name, double Value, double Low, double High, string Reason);
