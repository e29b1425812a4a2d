using System.Globalization;

namespace PerfModel.Calibration.Published;

/// <summary>One assumption of <see cref="OsNoiseDerivation"/>: its name, the value used, a plausible range and the reason
/// for both.</summary>
public sealed record NoiseAssumption
{
    /// <summary>An assumption.</summary>
    /// <param name="name">The <see cref="NoiseAssumptions"/> property it is.</param>
    /// <param name="value">The value used.</param>
    /// <param name="low">Low end of the plausible range.</param>
    /// <param name="high">High end of the plausible range.</param>
    /// <param name="reason">One line: why this value and this range.</param>
    public NoiseAssumption(string name, double value, double low, double high, string reason)
    {
        Name = name;
        Value = value;
        Low = low;
        High = high;
        Reason = reason;
    }

    /// <summary>The <see cref="NoiseAssumptions"/> property it is.</summary>
    public string Name { get; }

    /// <summary>The value used.</summary>
    public double Value { get; }

    /// <summary>Low end of the plausible range.</summary>
    public double Low { get; }

    /// <summary>High end of the plausible range.</summary>
    public double High { get; }

    /// <summary>Why this value and this range.</summary>
    public string Reason { get; }

    /// <summary>Whether <see cref="Value"/> lies in [<see cref="Low"/>, <see cref="High"/>].</summary>
    public bool Plausible => Value >= Low && Value <= High;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} = {Value:G4} (plausible {Low:G4}-{High:G4}: {Reason})");
}
