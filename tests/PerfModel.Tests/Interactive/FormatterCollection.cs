namespace PerfModel.Tests.Interactive;

/// <summary>Tests that change .NET Interactive's process-wide formatters run one at a time.</summary>
[CollectionDefinition(nameof(FormatterCollection), DisableParallelization = true)]
public sealed class FormatterCollection;
