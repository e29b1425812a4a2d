using System.Globalization;
using System.Text;

namespace PerfModel.Noise.Spec;

/// <summary>
/// A noise spec string that does not follow the grammar of <see cref="NoiseSpec"/> or describes invalid noise.
/// The message quotes the spec and points at the offending character with a caret:
/// <code>
/// bad noise spec: expected a duration unit (ns, us, ms, s) at position 31
///   poisson(rate=1000/s, dur=fixed(2))
///                                  ^
/// </code>
/// </summary>
public sealed class NoiseSpecException : FormatException
{
    /// <summary>Creates the exception for <paramref name="reason"/> at <paramref name="position"/> of <paramref name="spec"/>.</summary>
    /// <param name="spec">The whole spec string.</param>
    /// <param name="position">0-based index of the offending character; <c>spec.Length</c> means "at the end".</param>
    /// <param name="reason">What is wrong, without the position (e.g. "expected '=' after 'rate'").</param>
    public NoiseSpecException(string spec, int position, string reason)
        : base(BuildMessage(spec, position, reason))
    {
        Spec = spec;
        Position = position;
        Reason = reason;
    }

    /// <summary>The spec string that failed to parse.</summary>
    public string Spec { get; }

    /// <summary>0-based index of the offending character in <see cref="Spec"/> (equal to its length when the spec ended too early).</summary>
    public int Position { get; }

    /// <summary>What is wrong, without the position and the quoted spec.</summary>
    public string Reason { get; }

    /// <summary>Characters of the spec shown either side of the offending one.</summary>
    private const int ShownContext = 60;

    private static string BuildMessage(string spec, int position, string reason)
    {
        // Control characters (tabs, newlines) are shown as spaces so that the spec stays on one line and the caret,
        // one column per char, lines up with the offending character.
        // A long spec is shown as the window of ShownContext characters either side of the position, so that the message
        // stays a few short lines however long the spec.
        var at = Math.Clamp(position, 0, spec.Length);
        var from = Math.Max(0, at - ShownContext);
        var to = Math.Min(spec.Length, at + ShownContext);
        var shown = new StringBuilder(to - from + 2);
        if (from > 0) shown.Append('…');
        foreach (var c in spec.AsSpan(from, to - from)) shown.Append(char.IsControl(c) ? ' ' : c);
        if (to < spec.Length) shown.Append('…');
        var caret = at - from + (from > 0 ? 1 : 0);
        var nl = Environment.NewLine;
        return string.Create(CultureInfo.InvariantCulture,
            $"bad noise spec: {reason} at position {position}{nl}  {shown}{nl}  {new string(' ', caret)}^");
    }
}
