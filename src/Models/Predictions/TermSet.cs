using System.Collections;
using System.Collections.Immutable;
using PerfModel.Units;

namespace PerfModel.Predictions;

/// <summary>The terms of the models evaluated so far, in evaluation order, with typed look-up.</summary>
public sealed class TermSet : IReadOnlyList<MechanismTerm>
{
    /// <summary>No terms yet.</summary>
    public static readonly TermSet Empty = new([]);

    private readonly ImmutableArray<MechanismTerm> terms;

    /// <summary>A set of the given terms, in order.</summary>
    public TermSet(IEnumerable<MechanismTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        this.terms = [.. terms];
        foreach (var t in this.terms) ArgumentNullException.ThrowIfNull(t, nameof(terms));
    }

    /// <inheritdoc />
    public int Count => terms.Length;

    /// <inheritdoc />
    public MechanismTerm this[int index] => terms[index];

    /// <summary>This set with <paramref name="term"/> appended.</summary>
    public TermSet Add(MechanismTerm term) => new(terms.Add(term));

    /// <summary>The first term of type <typeparamref name="T"/>, or null when no model made one.</summary>
    public T? Find<T>() where T : MechanismTerm => terms.OfType<T>().FirstOrDefault();

    /// <summary>The first term of type <typeparamref name="T"/>.</summary>
    /// <exception cref="KeyNotFoundException">No model made one; the message lists the terms there are.</exception>
    public T Get<T>() where T : MechanismTerm => Find<T>()
        ?? throw new KeyNotFoundException($"no {typeof(T).Name}; the terms are: {string.Join(", ", terms.Select(t => $"{t.ModelId} ({t.GetType().Name})"))}");

    /// <summary>
    /// Time per iteration between synchronisation points: the sum of the <see cref="TermRole.Work"/> terms, added in
    /// breakdown order (<see cref="Mechanism"/>: compute, memory, TLB, heap, …, system calls).
    /// </summary>
    public TimeInterval WorkPerIteration
    {
        get
        {
            var sum = 0.0;
            foreach (var t in terms.Where(t => t.Role == TermRole.Work).OrderBy(t => t.Mechanism)) sum += t.PerIteration.Seconds;
            return TimeInterval.FromSeconds(sum);
        }
    }

    /// <inheritdoc />
    public IEnumerator<MechanismTerm> GetEnumerator() => ((IEnumerable<MechanismTerm>)terms).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
