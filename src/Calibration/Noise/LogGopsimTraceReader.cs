using System.Globalization;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Noise;

/// <summary>
/// Reads one LogGOPSim noise trace for <see cref="LogGopsimTrace.Load"/> (format, length and error locations are
/// documented there). A missing or unreadable file stops at once; line problems are collected, at most
/// <see cref="TraceErrors.MaxErrors"/>, and thrown together after the last line.
/// </summary>
internal sealed class LogGopsimTraceReader
{
    private const string Form = "a LogGOPSim noise-trace line is <start_ns> TAB <duration_ns>";

    private readonly string file;
    private readonly TraceErrors errors;

    private LogGopsimTraceReader(string file)
    {
        this.file = file;
        errors = new TraceErrors(file);
    }

    internal static DetourTrace Read(string path) => new LogGopsimTraceReader(path).ReadFile();

    private DetourTrace ReadFile()
    {
        var starts = new List<double>();
        var durations = new List<double>();
        (double Ns, int Line)? length = null;
        var lastLine = 0;
        var lineNo = 0;
        foreach (var line in TraceText.Lines(file))
        {
            lineNo++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (trimmed.StartsWith('#'))
            {
                if (length is null && TraceText.Parameter(trimmed, LogGopsimTrace.LengthKey) is { } text) length = (LengthOf(text, lineNo), lineNo);
                continue;
            }
            var fields = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2)
            {
                errors.Add($"line {lineNo}", $"has {fields.Length} field{(fields.Length == 1 ? "" : "s")}; {Form} (a tab or spaces between the two numbers)");
                continue;
            }
            var ok = true;
            if (!TryNumber(fields[0], out var start)) ok = errors.Add(TraceErrors.At(lineNo, "start_ns"), $"'{fields[0]}' is not a finite number");
            else if (start < 0) ok = errors.Add(TraceErrors.At(lineNo, "start_ns"), $"the start {Fmt(start)} ns must be >= 0 (times count from the start of the recording)");
            if (!TryNumber(fields[1], out var duration)) ok = errors.Add(TraceErrors.At(lineNo, "duration_ns"), $"'{fields[1]}' is not a finite number");
            else if (!(duration > 0)) ok = errors.Add(TraceErrors.At(lineNo, "duration_ns"), $"the duration {Fmt(duration)} ns must be > 0");
            if (!ok) continue;
            if (starts.Count > 0 && start < starts[^1] + durations[^1])
            {
                errors.Add(TraceErrors.At(lineNo, "start_ns"), $"the detour starts at {Fmt(start)} ns, before the detour on line {lastLine} ends ({Fmt(starts[^1] + durations[^1])} ns): " +
                                            "detours must be in time order and must not overlap");
                continue;
            }
            starts.Add(start);
            durations.Add(duration);
            lastLine = lineNo;
        }
        errors.ThrowIfAny();
        if (starts.Count == 0) throw errors.Fail("$", $"has no detours: {Form}, one line per detour");
        var lengthNs = length?.Ns ?? starts[^1] + durations[^1];
        if (length is { } given)
        {
            if (!(starts[^1] < given.Ns))
                errors.Add($"line {given.Line}", $"{LogGopsimTrace.LengthKey}={Fmt(given.Ns)} must be > the start of the last detour (line {lastLine}, {Fmt(starts[^1])} ns)");
            else if (starts[^1] + durations[^1] > given.Ns + starts[0])
                errors.Add($"line {given.Line}", $"{LogGopsimTrace.LengthKey}={Fmt(given.Ns)} is too short: the last detour (line {lastLine}) ends at {Fmt(starts[^1] + durations[^1])} ns, " +
                                          $"after the first detour of the next replay starts ({Fmt(given.Ns + starts[0])} ns)");
            errors.ThrowIfAny();
        }
        var (startSeconds, durationSeconds, lengthSeconds) = ToSeconds(starts, durations, lengthNs);
        try
        {
            return new DetourTrace(startSeconds, durationSeconds, TimeInterval.FromSeconds(lengthSeconds));
        }
        catch (InvalidDescriptionException e)
        {
            throw errors.Fail("$", $"not a valid detour trace in seconds: {e.Message}");
        }
    }

    /// <summary>
    /// Nanoseconds to seconds, keeping the rules checked above in nanoseconds: s/1e9 + d/1e9 can exceed (s + d)/1e9 by an
    /// ulp, which would make detours that touch (the next starts where this one ends) overlap, or a last detour that ends
    /// at the length run into the next replay. Such a start, or the length, is moved up by the ulps needed — far below
    /// a nanosecond.
    /// </summary>
    private static (double[] Starts, double[] Durations, double Length) ToSeconds(List<double> startsNs, List<double> durationsNs, double lengthNs)
    {
        var starts = startsNs.Select(ns => ns / 1e9).ToArray();
        var durations = durationsNs.Select(ns => ns / 1e9).ToArray();
        for (var i = 1; i < starts.Length; i++) starts[i] = Math.Max(starts[i], starts[i - 1] + durations[i - 1]);
        var length = lengthNs / 1e9;
        while (starts[^1] + durations[^1] > length + starts[0] || starts[^1] >= length) length = Math.BitIncrement(length);
        return (starts, durations, length);
    }

    /// <summary>The value of <c>length_ns=</c>, or NaN with the error recorded.</summary>
    private double LengthOf(string text, int lineNo)
    {
        if (TryNumber(text, out var ns) && ns > 0) return ns;
        errors.Add($"line {lineNo}", $"{LogGopsimTrace.LengthKey}='{text}' must be a number > 0 (the recording's length in ns)");
        return double.NaN;
    }


    private static bool TryNumber(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static string Fmt(double v) => v.ToString("G10", CultureInfo.InvariantCulture);
}
