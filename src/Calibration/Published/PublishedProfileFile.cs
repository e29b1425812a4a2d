namespace PerfModel.Calibration.Published;

/// <summary>A profile file <c>calibrate import</c> writes: its path relative to the output directory and its text.</summary>
public sealed record PublishedProfileFile(string RelativePath, string Json);
