namespace PerfModel.Units;

/// <summary>Argument checks of the unit factories: every quantity is a finite number.</summary>
internal static class Check
{
    public static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name}={value}, but it should be a finite number");
}
