using PerfModel.Descriptions;

namespace PerfModel.Calibration.Noise;

/// <summary>
/// Reads noise traces in the format of LogGOPSim (Hoefler, Schneider and Lumsdaine, "LogGOPSim — Simulating Large-Scale
/// Applications in the LogGOPS Model", HPDC 2010, doi:10.1145/1851476.1851564; Hoefler, Schneider and Lumsdaine,
/// "Characterizing the Influence of System Noise on Large-Scale Applications by Simulation", SC10,
/// doi:10.1109/SC.2010.12) into a <see cref="DetourTrace"/>, and turns one into a noise profile that replays it.
/// </summary>
/// <remarks>
/// <para>The format, as LogGOPSim's reader has it (github.com/spcl/LogGOPSim, <c>src/LogGOPSim/Noise.hpp</c>, the
/// <c>Noise</c> constructor, lines 33–57 at commit 76451de): one detour per line, <c>&lt;start&gt;\t&lt;duration&gt;</c>,
/// "all times in nanoseconds" (read with <c>sscanf(buffer, "%lf\t%lf", …)</c> and rounded to whole nanoseconds); a line
/// whose first character is <c>#</c> is a comment. Times count from the start of the recording (0).</para>
/// <para>What this reader accepts: the two numbers separated by a tab or by spaces (as <c>sscanf</c>'s <c>\t</c>
/// does: any white space), in invariant culture, with a fraction or an exponent if wanted (kept, not rounded);
/// comment lines starting with <c>#</c> after optional white space; blank lines anywhere, skipped (LogGOPSim would read
/// a blank line, such as the end of a file with a final newline, as a detour repeating the previous one). Each data
/// line must hold exactly two numbers, the start ≥ 0 and the duration &gt; 0, and detours must come in time order
/// without overlapping (each starts at or after the end of the one before): the rules of <see cref="DetourTrace"/>.</para>
/// <para>Recording length (the period of the replay): the number of a <c># length_ns=&lt;n&gt;</c> comment
/// (<c>key=value</c> words of any comment line, first one counts) when given; otherwise the end of the last detour
/// (its start + duration), the shortest recording that holds every detour. LogGOPSim itself takes the last detour's
/// start as the length (<c>trctime = (trcnoise.end()-1)->first</c>, Noise.hpp line 57), so that detour stands in for
/// the first one of the next replay; ending the recording after it instead keeps every detour, and a measured trace
/// should state its real length with <c>length_ns</c> (the time after the last detour is quiet, too).</para>
/// <para>Replay (<see cref="NoiseArrival.Trace"/>): each core plays the trace cyclically from its own uniformly random
/// offset in [0, length) — LogGOPSim draws one per rank the same way, and one for all ranks with
/// <c>--noise-cosched</c>, which a co-scheduled profile corresponds to; closed forms see the trace as Poisson arrivals
/// at its rate (detours / length) with its durations (<see cref="NoiseSource.FromTrace"/>).</para>
/// <para>Every failure is a <see cref="ProfileValidationException"/> whose <see cref="ValidationError"/>s name the file, a
/// location (<c>$</c> for the whole file, <c>line 12</c> or <c>line 12, column duration_ns</c>) and the rule; line errors
/// are collected (at most 10) before throwing.</para>
/// </remarks>
public static class LogGopsimTrace
{
    /// <summary>The key of the comment that gives the recording's length in nanoseconds: <c># length_ns=2000000000</c>.</summary>
    public const string LengthKey = "length_ns";

    /// <summary>Reads a LogGOPSim noise trace (format in the remarks of <see cref="LogGopsimTrace"/>).</summary>
    /// <exception cref="ProfileValidationException">The file is missing, unreadable, has no detour or breaks a rule.</exception>
    public static DetourTrace Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return LogGopsimTraceReader.Read(path);
    }

    /// <summary>A profile of one source, <paramref name="name"/>, that replays <paramref name="trace"/>
    /// (<see cref="NoiseSource.FromTrace"/>); not co-scheduled: every core replays it from its own offset.</summary>
    /// <exception cref="InvalidDescriptionException">The detours fill the whole recording (fraction ≥ 1).</exception>
    public static NoiseProfile ToNoiseProfile(DetourTrace trace, string name = "trace")
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new NoiseProfile([NoiseSource.FromTrace(name, trace)], coScheduled: false);
    }
}
