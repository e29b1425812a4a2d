namespace PerfModel.Internal;

/// <summary>Argument guards that return the checked value and reject NaN and infinities.</summary>
internal static class Guard
{
    public static double Finite(string name, double value) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name}={value}, but it should be a finite number");

    public static double NonNegative(string name, double value) =>
        Finite(name, value) >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name}={value}, but it should be >= 0");

    public static double Positive(string name, double value) =>
        Finite(name, value) > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name}={value}, but it should be > 0");

    public static int Positive(string name, int value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name}={value}, but it should be > 0");

    public static double Fraction(string name, double value) =>
        Finite(name, value) is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name}={value}, but it should be in [0, 1]");
}
