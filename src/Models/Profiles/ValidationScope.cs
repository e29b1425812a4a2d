namespace PerfModel.Profiles;

/// <summary>Collects rule violations for one profile, each tagged with file and JSON path.</summary>
public sealed class ValidationScope(string file)
{
    private readonly List<ValidationError> errors = [];

    public string File { get; } = file;
    public IReadOnlyList<ValidationError> Errors => errors;

    public void Add(string path, string rule) => errors.Add(new ValidationError(File, path, rule));

    public void Positive(string path, double value)
    {
        if (!double.IsFinite(value) || value <= 0) Add(path, $"value {Fmt(value)} must be a finite number > 0");
    }

    public void NonNegative(string path, double value)
    {
        if (!double.IsFinite(value) || value < 0) Add(path, $"value {Fmt(value)} must be a finite number >= 0");
    }

    public void Fraction(string path, double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1) Add(path, $"value {Fmt(value)} must be in [0, 1]");
    }

    public void PowerOfTwo(string path, double value)
    {
        if (!double.IsFinite(value) || value < 1 || value != Math.Floor(value) || ((long)value & ((long)value - 1)) != 0)
            Add(path, $"value {Fmt(value)} must be a power of two");
    }

    public void WholeNumber(string path, double value, double min)
    {
        if (!double.IsFinite(value) || value != Math.Floor(value) || value < min)
            Add(path, $"value {Fmt(value)} must be a whole number >= {Fmt(min)}");
    }

    public void ThrowIfAny()
    {
        if (errors.Count > 0) throw new ProfileValidationException(errors.ToArray());
    }

    private static string Fmt(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
