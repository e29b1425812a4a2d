using System.Collections.Immutable;
using MathNet.Numerics;

namespace PerfModel.Noise;

/// <summary>
/// E[Z_(j:k)]: the expected j-th smallest of k independent standard normal draws,
/// E = ∫ z · k·C(k−1, j−1)·Φ(z)^(j−1)·(1 − Φ(z))^(k−j)·φ(z) dz. Values for k ≤ 10 are tabulated (the integral evaluated to
/// 30 digits and rounded to the nearest double; they agree with the closed forms for k ≤ 5, e.g.
/// E[Z_(5:5)] = (5 / (4√π))·(1 + (6/π)·asin(1/3)) = 1.16296447364051961…, and with Harter, "Expected values of normal
/// order statistics", Biometrika 48(1/2), 1961, doi:10.2307/2333139); larger k are integrated numerically. Symmetric:
/// E[Z_(j:k)] = −E[Z_(k+1−j:k)].
/// </summary>
public static class NormalOrderStatistics
{
    // Upper half of each row: E[Z_(k:k)], E[Z_(k−1:k)], … down to the middle.
    private static readonly ImmutableArray<ImmutableArray<double>> Upper =
    [
        [0.0],
        [0.5641895835477563],
        [0.8462843753216345, 0.0],
        [1.029375373003964, 0.29701138227464535],
        [1.1629644736405196, 0.49501897045774224, 0.0],
        [1.2672063606114714, 0.6417550387857612, 0.20154683380170424],
        [1.3521783756069043, 0.7573742706388726, 0.35270695915298245, 0.0],
        [1.4236003060452778, 0.8522248625382909, 0.472822494940618, 0.1525143995069232],
        [1.485013162209237, 0.9322974567336038, 0.5719707828546962, 0.27452591911246177, 0.0],
        [1.538752730835173, 1.0013570445758144, 0.6560591053647612, 0.3757646969978775, 0.12266775228433806],
    ];

    /// <summary>E[Z_(j:k)] for 1 ≤ j ≤ k.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1 or j outside [1, k].</exception>
    public static double Expected(int j, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"k={k}, but it should be >= 1");
        if (j < 1 || j > k) throw new ArgumentOutOfRangeException(nameof(j), j, $"j={j}, but it should be in [1, {k}]");
        if (k <= Upper.Length)
        {
            var fromTop = k - j;
            var row = Upper[k - 1];
            return fromTop < row.Length ? row[fromTop] : -row[j - 1];
        }
        return Integrated(j, k);
    }

    /// <summary>The defining integral by double-exponential quadrature (about 1e-12 absolute).</summary>
    internal static double Integrated(int j, int k)
    {
        var c = k * SpecialFunctions.Binomial(k - 1, j - 1);
        double F(double z)
        {
            var phi = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);
            var cdf = 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
            var sf = 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2));
            return z * c * Math.Pow(cdf, j - 1) * Math.Pow(sf, k - j) * phi;
        }
        return Integrate.DoubleExponential(F, -12, 0, 1e-14) + Integrate.DoubleExponential(F, 0, 12, 1e-14);
    }
}
