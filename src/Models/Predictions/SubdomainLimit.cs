using System.Globalization;
using PerfModel.Descriptions;

namespace PerfModel.Predictions;

/// <summary>
/// When a rank has run out of work: its subdomain, taken as a cube of n = V^(1/3) points per side for V points per rank
/// (<see cref="RankLoad.PointsPerRank"/>), receives a halo one point deep from all 26 neighbours, (n + 2)³ − n³ ghost points,
/// and the halo outnumbers the points the rank owns when (n + 2)³ &gt; 2n³, i.e. n &lt; 2 / (2^(1/3) − 1) ≈ 7.69 or
/// V &lt; 8 / (2^(1/3) − 1)³ ≈ 455.6 points (<see cref="MinPointsPerRank"/>). Below that a rank exchanges more values per
/// halo exchange than it computes, and the per-rank scaling of <see cref="RankLoad"/> (volume terms as 1/N, surface terms as
/// N^(−2/3), each as for a subdomain large against its surface) does not hold: a prediction there is outside the model's
/// domain and says so (<see cref="Predictor.Predict(Scenario)"/>). The one-point-deep, 26-neighbour halo is that of a
/// 27-point stencil on a structured grid (MiniFE's hexahedral elements); nothing is checked for a profile that gives no
/// points (<see cref="AppProfile.PointsPerRank"/> = 0).
/// </summary>
public static class SubdomainLimit
{
    /// <summary>8 / (2^(1/3) − 1)³ ≈ 455.6: the points per rank at which a cube's one-point halo equals its own points.</summary>
    public static double MinPointsPerRank { get; } = 8 / Math.Pow(Math.Cbrt(2) - 1, 3);

    /// <summary>Ghost points of a cubic subdomain of <paramref name="points"/> points: (n + 2)³ − n³ with n = points^(1/3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite number of points.</exception>
    public static double HaloPoints(double points)
    {
        if (!(points >= 0) || !double.IsFinite(points)) throw new ArgumentOutOfRangeException(nameof(points), points, "must be finite and >= 0");
        var n = Math.Cbrt(points);
        return Math.Pow(n + 2, 3) - points;
    }

    /// <summary>Whether the ranks of <paramref name="load"/> own fewer than <see cref="MinPointsPerRank"/> points (false
    /// when the profile gives none).</summary>
    public static bool Exhausted(RankLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return load.Scenario.App.PointsPerRank > 0 && load.PointsPerRank < MinPointsPerRank;
    }

    /// <summary>The smallest node count at which <paramref name="app"/>'s ranks own fewer than <see cref="MinPointsPerRank"/>
    /// points: ⌊V₁ / V_min⌋ + 1 for strong scaling (V₁ / N &lt; V_min ⇔ N &gt; V₁ / V_min), 1 for a weak-scaled application
    /// already below it; null when it never happens (no points given, or weak scaling above the limit).</summary>
    public static long? FirstExhaustedNodes(AppProfile app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var points = app.PointsPerRank;
        if (!(points > 0)) return null;
        if (app.Scaling == ScalingMode.Weak) return points < MinPointsPerRank ? 1 : null;
        return (long)Math.Min(Math.Floor(points / MinPointsPerRank) + 1, long.MaxValue);
    }

    /// <summary>The note of an exhausted prediction of <paramref name="app"/>: one text for every node count it applies to,
    /// so that a sweep prints it once per application.</summary>
    public static string Note(AppProfile app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var from = FirstExhaustedNodes(app) ?? 1;
        var where = app.Scaling == ScalingMode.Strong
            ? string.Create(CultureInfo.InvariantCulture, $"from {from:N0} nodes on, strong scaling leaves a rank fewer than {MinPointsPerRank:F0} grid points ({app.PointsPerRank:G4} at one node / N)")
            : string.Create(CultureInfo.InvariantCulture, $"a rank owns {app.PointsPerRank:G4} grid points, fewer than {MinPointsPerRank:F0}");
        return $"{app.DisplayName}: {where}, so its one-point halo outnumbers the points it owns: the per-rank scaling of volume and surface terms no longer holds and the prediction is outside the model's domain";
    }
}
