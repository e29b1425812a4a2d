using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Internal;

/// <summary>
/// The rules of the description records, checked in their <c>init</c> accessors so that a record and every <c>with</c>
/// copy of it is valid. Each returns the value or throws <see cref="InvalidDescriptionException"/> naming the record type
/// (of <c>owner</c>), the field (the calling property) and the rule.
/// </summary>
internal static class Rules
{
    public static InvalidDescriptionException Broken(object owner, string field, object? value, string rule) =>
        new(owner.GetType().Name, field, Text(value), rule);

    public static string NotBlank(object owner, string? value, [CallerMemberName] string field = "") =>
        string.IsNullOrWhiteSpace(value) ? throw Broken(owner, field, value ?? "null", "must not be empty") : value;

    public static T NotNull<T>(object owner, T? value, [CallerMemberName] string field = "") where T : class =>
        value ?? throw Broken(owner, field, "null", "is missing");

    public static double Positive(object owner, double value, [CallerMemberName] string field = "") =>
        double.IsFinite(value) && value > 0 ? value : throw Broken(owner, field, value, "must be a finite number > 0");

    public static double NonNegative(object owner, double value, [CallerMemberName] string field = "") =>
        double.IsFinite(value) && value >= 0 ? value : throw Broken(owner, field, value, "must be a finite number >= 0");

    public static double Fraction(object owner, double value, [CallerMemberName] string field = "") =>
        double.IsFinite(value) && value is >= 0 and <= 1 ? value : throw Broken(owner, field, value, "must be in [0, 1]");

    public static int AtLeast(object owner, int value, int min, [CallerMemberName] string field = "") =>
        value >= min ? value : throw Broken(owner, field, value, $"must be a whole number >= {min}");

    public static TimeInterval NonNegative(object owner, TimeInterval value, [CallerMemberName] string field = "") =>
        value.Seconds >= 0 ? value : throw Broken(owner, field, value, "must be >= 0");

    public static TimeInterval Positive(object owner, TimeInterval value, [CallerMemberName] string field = "") =>
        value.Seconds > 0 ? value : throw Broken(owner, field, value, "must be > 0");

    public static ByteSize NonNegative(object owner, ByteSize value, [CallerMemberName] string field = "") =>
        value.Bytes >= 0 ? value : throw Broken(owner, field, value, "must be >= 0");

    public static ByteSize Positive(object owner, ByteSize value, [CallerMemberName] string field = "") =>
        value.Bytes > 0 ? value : throw Broken(owner, field, value, "must be > 0");

    public static ByteSize PowerOfTwo(object owner, ByteSize value, [CallerMemberName] string field = "")
    {
        var b = value.Bytes;
        return b >= 1 && b <= long.MaxValue / 2 && b == Math.Floor(b) && ((long)b & ((long)b - 1)) == 0
            ? value
            : throw Broken(owner, field, value, "must be a power of two");
    }

    public static Bandwidth Positive(object owner, Bandwidth value, [CallerMemberName] string field = "") =>
        value.BytesPerSecond > 0 ? value : throw Broken(owner, field, value, "must be > 0");

    public static Bandwidth NonNegative(object owner, Bandwidth value, [CallerMemberName] string field = "") =>
        value.BytesPerSecond >= 0 ? value : throw Broken(owner, field, value, "must be >= 0");

    public static EventRate NonNegative(object owner, EventRate value, [CallerMemberName] string field = "") =>
        value.PerSecond >= 0 ? value : throw Broken(owner, field, value, "must be >= 0");

    public static Frequency Positive(object owner, Frequency value, [CallerMemberName] string field = "") =>
        value.Hertz > 0 ? value : throw Broken(owner, field, value, "must be > 0");

    /// <summary>A list that may be empty; <c>default</c> becomes empty. Null items are refused.</summary>
    public static ImmutableArray<T> Items<T>(object owner, ImmutableArray<T> value, [CallerMemberName] string field = "")
    {
        var items = value.IsDefault ? ImmutableArray<T>.Empty : value;
        for (var i = 0; i < items.Length; i++)
            if (items[i] is null) throw Broken(owner, $"{field}[{i}]", "null", "is missing");
        return items;
    }

    /// <summary>A list with at least one item.</summary>
    public static ImmutableArray<T> NonEmpty<T>(object owner, ImmutableArray<T> value, string what, [CallerMemberName] string field = "")
    {
        var items = Items(owner, value, field);
        return items.IsEmpty ? throw Broken(owner, field, "[]", $"must list at least one {what}") : items;
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
