using PerfModel.Descriptions;

namespace PerfModel.Tests.Calibration.Noise;

/// <summary>Loads a trace text written to a temporary file with one reader and returns its errors, checking that each
/// names the file and that the message leads with the first one (the shared assertions of the trace error tests).</summary>
internal sealed class TraceFileErrors(TempFiles temp, string fileName, Action<string> load)
{
    /// <summary>The errors of <paramref name="text"/>, each checked to name the file.</summary>
    public IReadOnlyList<ValidationError> Of(string text)
    {
        var path = temp.Write(fileName, text);
        var e = Assert.Throws<ProfileValidationException>(() => load(path));
        Assert.All(e.Errors, error => Assert.Equal(path, error.File));
        Assert.Contains($"{path}: {e.Errors[0].JsonPath}: {e.Errors[0].Rule}", e.Message, StringComparison.Ordinal);
        return e.Errors;
    }

    /// <summary>Asserts that <paramref name="text"/> has exactly one error, at <paramref name="location"/>, containing
    /// <paramref name="rule"/>.</summary>
    public void AssertSingle(string text, string location, string rule)
    {
        var error = Assert.Single(Of(text));
        Assert.Equal(location, error.JsonPath);
        Assert.Contains(rule, error.Rule, StringComparison.Ordinal);
    }
}
