using System.Collections;
using System.Collections.Immutable;

namespace PerfModel;

/// <summary>Profiles looked up by name (<c>study.Os["mos"]</c>); an unknown name is an error that lists the known ones.</summary>
/// <typeparam name="T">OS or application profile.</typeparam>
public sealed class ProfileLookup<T> : IReadOnlyList<T> where T : class
{
    private readonly ImmutableArray<T> items;
    private readonly Func<T, string> name;
    private readonly string kind;

    internal ProfileLookup(ImmutableArray<T> items, Func<T, string> name, string kind)
    {
        this.items = items;
        this.name = name;
        this.kind = kind;
    }

    /// <summary>The profile named <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No profile has that name; the message lists the known names.</exception>
    public T this[string key] => items.FirstOrDefault(i => name(i) == key)
        ?? throw new KeyNotFoundException($"unknown {kind} '{key}'; known: {string.Join(", ", Names)}");

    /// <inheritdoc />
    public T this[int index] => items[index];

    /// <inheritdoc />
    public int Count => items.Length;

    /// <summary>The names, in order.</summary>
    public IEnumerable<string> Names => items.Select(name);

    /// <summary>Whether a profile is named <paramref name="key"/>.</summary>
    public bool Contains(string key) => items.Any(i => name(i) == key);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
