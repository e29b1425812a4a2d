using System.Globalization;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Noise;

/// <summary>
/// Loads a noise trace of either format as a noise profile — the resolver of <c>trace(path)</c> in noise specs:
/// <c>NoiseSpec.Parse(spec, NoiseTraceFile.Load)</c>. An FWQ probe (<see cref="FwqTrace"/>) becomes Poisson arrivals at
/// its detour rate with its empirical durations (<see cref="FwqTrace.ToNoiseProfile"/>); a LogGOPSim noise trace
/// (<see cref="LogGopsimTrace"/>) a source that replays it (<see cref="LogGopsimTrace.ToNoiseProfile"/>).
/// </summary>
/// <remarks>
/// How the format is told (<see cref="Detect"/>): by the first line that is neither blank nor a <c>#</c> comment. Both
/// FWQ formats start there with a CSV header of names (<c>core,kind,index,value_ns</c>, or one non-numeric column name
/// per core, which <see cref="FwqTrace"/> requires); a LogGOPSim trace starts with a detour, numbers separated by
/// white space. So a line without a comma whose first white-space-separated field is a number is LogGOPSim's, and any
/// other line is an FWQ header (the FWQ reader then reports what is wrong with it). A file without such a line is
/// neither: an error.
/// </remarks>
public static class NoiseTraceFile
{
    /// <summary>Largest noise trace read: 64 MiB (some three million detours; the FWQ trace in data/noise is 0.6 MB).
    /// A larger file, or one that is not a regular file (a device such as /dev/zero, a FIFO), is refused before it is
    /// read.</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>The format of the trace at <paramref name="path"/> (see the remarks of <see cref="NoiseTraceFile"/>).</summary>
    /// <exception cref="ProfileValidationException">The file is missing, unreadable or has only blank and comment lines.</exception>
    public static NoiseTraceFormat Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var line in TraceText.Lines(path))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            var first = trimmed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
            return !trimmed.Contains(',', StringComparison.Ordinal) && double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? NoiseTraceFormat.LogGopsim : NoiseTraceFormat.Fwq;
        }
        throw new ProfileValidationException([new ValidationError(path, "$",
            "has no data line, only blank lines and '#' comments: neither an FWQ trace (a CSV header, then samples) nor a LogGOPSim noise trace (<start_ns> TAB <duration_ns> lines)")]);
    }

    /// <summary>The trace at <paramref name="path"/> as a noise profile of one source named after the file (its name
    /// without the extension); <see cref="Load(string, string)"/>.</summary>
    /// <exception cref="ProfileValidationException">The file is missing, unreadable or malformed, or its detours leave
    /// the core no time.</exception>
    public static NoiseProfile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Load(path, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>The trace at <paramref name="path"/>, in the format <see cref="Detect"/> finds, as a noise profile whose
    /// source is named <paramref name="name"/>: for an FWQ probe <see cref="FwqTrace.ToNoiseProfile"/> (no sources when it
    /// has no detour), for a LogGOPSim trace <see cref="LogGopsimTrace.ToNoiseProfile"/>. Not co-scheduled.</summary>
    /// <exception cref="ProfileValidationException">The file is missing, unreadable or malformed, or its detours leave
    /// the core no time (rate × mean duration ≥ 1).</exception>
    public static NoiseProfile Load(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            return Detect(path) == NoiseTraceFormat.LogGopsim
                ? LogGopsimTrace.ToNoiseProfile(LogGopsimTrace.Load(path), name)
                : FwqTrace.ToNoiseProfile(FwqTrace.Load(path), name);
        }
        catch (InvalidDescriptionException e)
        {
            throw new ProfileValidationException([new ValidationError(path, "$", $"the trace does not make a valid noise source: {e.Message}")]);
        }
    }
}
