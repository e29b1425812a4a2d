using System.Globalization;

namespace PerfModel.Tests.Support;

/// <summary>Runs code under a given current culture and restores the previous one (the test host does not use invariant
/// globalization, so de-DE and ru-RU really format "1,5" and use non-breaking spaces).</summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo culture, uiCulture;

    public CultureScope(string name)
    {
        (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var c = name.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(name);
        // Without culture data (invariant globalization, no ICU) every culture formats like the invariant one and a
        // culture test would pass whatever the code does: refuse to run instead.
        if (name.Length > 0 && 1.5.ToString(c) == "1.5")
            throw new InvalidOperationException($"culture '{name}' formats 1.5 as \"1.5\": the test host has no culture data (InvariantGlobalization or no ICU), so a culture test cannot fail");
        CultureInfo.CurrentCulture = c;
        CultureInfo.CurrentUICulture = c;
    }

    /// <summary>The cultures every writer is checked under: invariant, German (decimal comma) and Russian (comma, non-breaking space groups).</summary>
    public static TheoryData<string> Cultures => new() { "", "de-DE", "ru-RU" };

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
