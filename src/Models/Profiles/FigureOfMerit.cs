namespace PerfModel.Profiles;

/// <summary>How the application reports performance: FOM = Scale x (work units per rank x ranks doing them) x iterations / runtime.
/// For strong scaling the work is that of the one-node run, whatever the node count.</summary>
/// <param name="Name">What is counted, e.g. "zones/s".</param>
/// <param name="Unit">Unit as the benchmark prints it.</param>
/// <param name="WorkPerRankPerIteration">Work units one rank does per iteration at one node.</param>
/// <param name="Scale">Constant factor of the benchmark's own formula (Lulesh prints 1000 / grind time in µs, i.e. zones per ms).</param>
/// <param name="HigherIsBetter">False for figures of merit that are times.</param>
public sealed record FigureOfMerit(string Name, string Unit, double WorkPerRankPerIteration, double Scale, bool HigherIsBetter);
