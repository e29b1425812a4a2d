using System.Collections;
using System.Collections.Immutable;

namespace PerfModel.Internal;

/// <summary>Value equality for the records that hold lists (an <see cref="ImmutableArray{T}"/> compares by reference):
/// element by element, so that two profiles read from the same file, or built with the same values, are equal.</summary>
internal static class ValueEquality
{
    public static bool Sequence<T>(ImmutableArray<T> a, ImmutableArray<T> b) =>
        a.IsDefault ? b.IsDefault : !b.IsDefault && a.AsSpan().SequenceEqual(b.AsSpan(), EqualityComparer<T>.Default);

    /// <summary>Equality of two values of unknown type: lists element by element, the rest by <see cref="object.Equals(object?, object?)"/>.</summary>
    public static bool Values(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string x, string y) => x == y,
        (IEnumerable x, IEnumerable y) => x.Cast<object?>().SequenceEqual(y.Cast<object?>(), Comparer.Instance),
        _ => Equals(a, b),
    };

    public static int Hash<T>(ImmutableArray<T> a) => a.IsDefault ? 0 : a.Length;

    private sealed class Comparer : IEqualityComparer<object?>
    {
        public static readonly Comparer Instance = new();

        public new bool Equals(object? x, object? y) => Values(x, y);

        public int GetHashCode(object? obj) => obj?.GetHashCode() ?? 0;
    }
}
