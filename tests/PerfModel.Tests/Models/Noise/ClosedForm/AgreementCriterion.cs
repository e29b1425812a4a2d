namespace PerfModel.Tests.Models.Noise.ClosedForm;

/// <summary>
/// The agreement criterion of the closed forms against the wall-clock simulator (the and the README's): a closed
/// form agrees with a simulated mean when it lies within 1 % of it or 3 standard errors of it, whichever is larger — 1 %
/// for the closed forms' own approximations, 3 s.e. for the simulator's sampling error.
/// </summary>
internal static class AgreementCriterion
{
    /// <summary>The half-width of the band: max(1 % of the simulated mean, 3 standard errors).</summary>
    public static double Tolerance(double simulated, double standardError) => Math.Max(0.01 * simulated, 3 * standardError);

    /// <summary>Whether <paramref name="closed"/> lies within <see cref="Tolerance"/> of <paramref name="simulated"/>.</summary>
    public static bool Holds(double closed, double simulated, double standardError) =>
        Math.Abs(closed - simulated) <= Tolerance(simulated, standardError);
}
