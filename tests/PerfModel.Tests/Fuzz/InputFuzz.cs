using System.Text;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Spec;
using PerfModel.Predictions;
using PerfModel.Tests.Support;
using Xunit.Sdk;

namespace PerfModel.Tests.Fuzz;

/// <summary>What every input fuzz case checks: it ends, within a hang timeout, in a valid object whose predictions are
/// finite, or in one of the project's own errors whose message names the input (file or spec position).</summary>
internal static class InputFuzz
{
    /// <summary>A case that runs longer than this hangs (a generous bound, not a speed assertion).</summary>
    public static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The project's own error types.</summary>
    public static bool IsProjectError(Exception e) =>
        e is ProfileValidationException or NoiseSpecException or InvalidDescriptionException or UnrepresentablePredictionException;

    /// <summary>Runs <paramref name="body"/> with the hang timeout; returns the project error it threw, or null when it
    /// succeeded. Any other exception fails the case.</summary>
    public static Exception? Run(string what, Action body)
    {
        var task = Task.Run(body);
        // Waiting on a continuation does not rethrow the case's exception; it is inspected below.
        if (!task.ContinueWith(_ => { }, TaskScheduler.Default).Wait(HangTimeout))
            throw new XunitException($"{what}: still running after {HangTimeout.TotalSeconds} s (a hang)");
        if (task.Exception is { } aggregate)
        {
            var e = aggregate.InnerException!;
            if (!IsProjectError(e)) throw new XunitException($"{what}: unhandled {e.GetType().Name}: {e}");
            Assert.False(string.IsNullOrWhiteSpace(e.Message), $"{what}: an empty message");
            return e;
        }
        return null;
    }

    /// <summary>As <see cref="Run"/> for a file input: a <see cref="ProfileValidationException"/> must name the file in
    /// every error.</summary>
    public static Exception? RunFile(string file, Action body)
    {
        var e = Run(file, body);
        if (e is ProfileValidationException p)
            Assert.All(p.Errors, err => Assert.True(err.File == file, $"error names {err.File}, not {file}: {err}"));
        return e;
    }

    /// <summary>A noise profile is usable: a closed form at a few rank counts and shapes is finite and never below the
    /// noise-free step (or refused with the project's error).</summary>
    public static void AssertFinite(NoiseProfile noise)
    {
        foreach (var (sync, ranks) in new[] { (SyncShape.None, 64.0), (SyncShape.Barrier, 4096.0), (SyncShape.TreeReduceBroadcast, 64.0) })
        {
            var shape = new StepShape(Units.TimeInterval.FromSeconds(100e-6), sync, Units.TimeInterval.FromSeconds(2e-6));
            ClosedFormResult r;
            try
            {
                r = NoiseClosedForm.Evaluate(noise, shape, ranks, ClosedFormOptions.Fast);
            }
            catch (ArgumentOutOfRangeException e) when (e.Message.Contains("expected detours", StringComparison.Ordinal))
            {
                continue; // beyond what the closed forms resolve, refused with the limit named
            }
            Assert.True(double.IsFinite(r.MeanStep.Seconds) && r.MeanStep >= r.NoiseFree, $"{sync} at {ranks}: step {r.MeanStep} vs noise-free {r.NoiseFree}");
            Assert.True(r.FirstStepSeconds >= r.FirstStepNoiseFree.Seconds, $"{sync} at {ranks}: first step {r.FirstStepSeconds} below its noise-free time");
        }
    }

    /// <summary>A prediction is finite.</summary>
    public static void AssertFinite(Prediction p)
    {
        Assert.True(double.IsFinite(p.Runtime.Seconds) && p.Runtime.Seconds > 0, $"runtime {p.Runtime}");
        Assert.True(double.IsFinite(p.Fom) && p.Fom > 0, $"FOM {p.Fom}");
        Assert.True(double.IsFinite(p.Spread.Min.Seconds) && double.IsFinite(p.Spread.Max.Seconds), $"spread {p.Spread}");
    }

    /// <summary>Mutations shared by the text inputs.</summary>
    public static readonly string[] Numbers =
    [
        "NaN", "Infinity", "-Infinity", "-1", "0", "-0", "5e-324", "2.2250738585072014e-308", "1e-300", "1e308", "1.7976931348623157e308",
        "1e309", "2147483648", "9007199254740993", "1e15", "1e-12", "0.5", "1", "3", "1e6", "abc", "", "1,5", "1e", "--1", "0x10",
    ];

    /// <summary>Text with invalid UTF-8, a BOM or CRLF, as bytes.</summary>
    public static byte[] Encode(string text, int encoding) => encoding switch
    {
        1 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
        2 => Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)),
        3 => Insert(Encoding.UTF8.GetBytes(text), text.Length / 2, [0xFF, 0xC3]),
        4 => Insert(Encoding.UTF8.GetBytes(text), text.Length / 3, [0xED, 0xA0, 0x80]), // an encoded surrogate
        _ => Encoding.UTF8.GetBytes(text),
    };

    private static byte[] Insert(byte[] bytes, int at, byte[] extra)
    {
        at = Math.Clamp(at, 0, bytes.Length);
        return [.. bytes[..at], .. extra, .. bytes[at..]];
    }
}
