using System.Collections.Immutable;
using PerfModel.Noise;

namespace PerfModel.Profiles.Schema;

/// <summary>The values read for one object, keyed by record property, with typed accessors that convert JSON numbers to
/// unit types.</summary>
internal sealed class FieldValues(IReadOnlyDictionary<string, object?> values)
{
    private object? Raw(string property) => values.TryGetValue(property, out var v) ? v : null;

    public double Number(string property) => Raw(property) is double d ? d : 0;

    public int Integer(string property) => Raw(property) switch { int i => i, double d => (int)d, _ => 0 };

    public bool Boolean(string property) => Raw(property) is true;

    public string Text(string property) => Raw(property) as string ?? "";

    public T Choice<T>(string property) where T : struct, Enum => Raw(property) is T t ? t : default;

    public TimeInterval Seconds(string property) => TimeInterval.FromSeconds(Number(property));

    public ByteSize Bytes(string property) => ByteSize.FromBytes(Number(property));

    public Bandwidth BytesPerSecond(string property) => Bandwidth.FromBytesPerSecond(Number(property));

    public EventRate PerSecond(string property) => EventRate.FromPerSecond(Number(property));

    public Frequency Hertz(string property) => Frequency.FromHertz(Number(property));

    public T Object<T>(string property) where T : class => (T)Raw(property)!;

    public ImmutableArray<T> Objects<T>(string property) => Raw(property) is IEnumerable<object> items ? [.. items.Cast<T>()] : [];

    public DurationDistribution Duration(string property) => (DurationDistribution)Raw(property)!;

    public ImmutableArray<int> Nodes(string property) => Raw(property) is ImmutableArray<int> n ? n : [];
}
