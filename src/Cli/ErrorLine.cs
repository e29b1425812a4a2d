using System.Globalization;
using System.Text;
using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;
using PerfModel.Noise.Spec;

namespace PerfModel.Cli;

/// <summary>
/// Turns a failure into the one line <c>perfmodel: error: …</c> on standard error and its exit code
/// (<see cref="ExitCodes"/>). The one place that decides what a user sees: input echoed into a message is shortened to
/// <see cref="EchoLength"/> characters and its control characters escaped, so a 100 kB argument costs a line, and a
/// terminal never receives raw escape sequences from an argument.
/// </summary>
public static class ErrorLine
{
    /// <summary>Characters of an echoed value shown before it is cut.</summary>
    public const int EchoLength = 80;

    /// <summary>Longest error line; longer ones are cut (their length said).</summary>
    public const int MaxLength = 1000;

    /// <summary>Characters of a noise spec shown on each side of the offending position.</summary>
    private const int SpecContext = 30;

    /// <summary><paramref name="value"/> in single quotes, control characters escaped, cut after <see cref="EchoLength"/>
    /// characters with its length given: <c>'poisson(…' … (102400 characters)</c>.</summary>
    public static string Echo(string value) => "'" + Shorten(value) + "'";

    /// <summary>The value's first <see cref="EchoLength"/> characters (escaped) and "… (N characters)" when longer.</summary>
    public static string Shorten(string value) =>
        value.Length <= EchoLength
            ? Escape(value)
            : Escape(value[..EchoLength]) + "… (" + value.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters)";

    /// <summary>Control characters, lone surrogates and bidirectional overrides (which would garble or reorder a terminal
    /// line) as escapes: \n, \r, \t, \uXXXX; everything else unchanged. Idempotent.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'
                    => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>The exit code and message of a failure (an invalid profile's broken rules follow it, one indented line each).</summary>
    public static (int Code, string Message) Describe(Exception e)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } agg) return Describe(agg.InnerExceptions[0]);
        return e switch
        {
            ProfileValidationException p => (ExitCodes.InvalidProfile, $"invalid profile ({p.Errors.Count} problem{(p.Errors.Count == 1 ? "" : "s")}):"),
            NoiseSpecException s => (ExitCodes.Usage, SpecMessage(s)),
            PerfModel.Calibration.Published.PublishedDataException d => (ExitCodes.InvalidProfile, d.Message),
            PerfModel.Predictions.UnrepresentablePredictionException u => (ExitCodes.Usage, u.Message),
            FormatException or KeyNotFoundException or InvalidDescriptionException or CalibrationException or PlatformNotSupportedException
                or NotSupportedException or IOException or UnauthorizedAccessException => (ExitCodes.Usage, e.Message),
            _ => (ExitCodes.Internal, $"internal error: {FirstLine(e.Message)} ({e.GetType().Name}); run with --verbose for details"),
        };
    }

    /// <summary>Writes the failure's line(s), with the full exception when <paramref name="verbose"/>; returns the exit code.</summary>
    /// <param name="errors">Standard error.</param>
    /// <param name="e">The failure.</param>
    /// <param name="args">The command line's arguments: any of them quoted whole in the message is shortened.</param>
    /// <param name="verbose">--verbose.</param>
    public static int Write(TextWriter errors, Exception e, IReadOnlyList<string> args, bool verbose)
    {
        var (code, message) = Describe(e);
        errors.WriteLine(Line(message, args));
        if (e is ProfileValidationException p)
            foreach (var err in p.Errors) errors.WriteLine(Cut("  " + Escape(err.ToString())));
        if (verbose)
            foreach (var line in e.ToString().ReplaceLineEndings("\n").Split('\n')) errors.WriteLine(Escape(line));
        return code;
    }

    /// <summary>Writes one error line for <paramref name="message"/> (see <see cref="Line"/>); returns <see cref="ExitCodes.Usage"/>.</summary>
    public static int Usage(TextWriter errors, string message, IReadOnlyList<string> args)
    {
        errors.WriteLine(Line(message, args));
        return ExitCodes.Usage;
    }

    /// <summary>"perfmodel: error: " + the message on one line: every argument longer than <see cref="EchoLength"/> that the
    /// message repeats whole is shortened, control characters escaped, and the line cut at <see cref="MaxLength"/>.</summary>
    public static string Line(string message, IReadOnlyList<string> args)
    {
        foreach (var a in args.Where(a => a.Length > EchoLength).Distinct().OrderByDescending(a => a.Length))
            message = message.Replace(a, Shorten(a), StringComparison.Ordinal);
        return Cut("perfmodel: error: " + Escape(message));
    }

    private static string Cut(string line) =>
        line.Length <= MaxLength ? line : line[..MaxLength] + "… (" + line.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters)";

    private static string FirstLine(string message)
    {
        var nl = message.IndexOfAny(['\r', '\n']);
        return nl < 0 ? message : message[..nl];
    }

    /// <summary>A spec error on one line: the reason, the position, and the spec around it with ^ at the offending character.</summary>
    private static string SpecMessage(NoiseSpecException s)
    {
        var spec = s.Spec;
        var at = Math.Clamp(s.Position, 0, spec.Length);
        var from = Math.Max(0, at - SpecContext);
        var to = Math.Min(spec.Length, at + SpecContext);
        var excerpt = (from > 0 ? "…" : "") + Escape(spec[from..at]) + "^" + Escape(spec[at..to]) + (to < spec.Length ? "…" : "");
        var length = spec.Length > 2 * SpecContext ? $" of {spec.Length.ToString("N0", CultureInfo.InvariantCulture)} characters" : "";
        return $"--noise: bad noise spec: {s.Reason} at position {s.Position}{length}: {excerpt}";
    }
}
