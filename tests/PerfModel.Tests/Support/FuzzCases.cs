namespace PerfModel.Tests.Support;

/// <summary>Fuzz case counts.</summary>
public static class FuzzCases
{
    /// <summary>Cases per input kind: 1,000, or PERFMODEL_FUZZ_CASES.</summary>
    public static int Count => int.TryParse(Environment.GetEnvironmentVariable("PERFMODEL_FUZZ_CASES"), out var n) && n > 0 ? n : 1000;
}
