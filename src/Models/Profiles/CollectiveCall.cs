namespace PerfModel.Profiles;

/// <summary>A collective the application calls <paramref name="PerIteration"/> times per iteration with <paramref name="Bytes"/> per rank.</summary>
public sealed record CollectiveCall(CollectiveKind Kind, double Bytes, double PerIteration);
