using System.Diagnostics;

namespace PerfModel.Reports.Files;

/// <summary>Runs a local Chromium (Debian's <c>/usr/bin/chromium</c> by default; never downloaded) headless on a local
/// HTML file with all host names unresolvable, so the page cannot reach the network, and returns the DOM once the
/// page's virtual time budget has run out.</summary>
/// <param name="ExecutablePath">The browser.</param>
public sealed record HeadlessChromium(string ExecutablePath = HeadlessChromium.DebianPath)
{
    /// <summary>Debian's chromium package: /usr/bin/chromium.</summary>
    public const string DebianPath = "/usr/bin/chromium";

    /// <summary>Whether <see cref="ExecutablePath"/> exists.</summary>
    public bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>Loads <paramref name="htmlFile"/>, lets it run for <paramref name="virtualTimeBudgetMilliseconds"/> of virtual
    /// time (timers fast-forward; it ends sooner in real time when the page is idle) and returns the serialised DOM.</summary>
    /// <exception cref="BrowserRenderException">The browser could not start, exited with an error or took longer than <paramref name="timeout"/>.</exception>
    public string DumpDom(string htmlFile, int virtualTimeBudgetMilliseconds, TimeSpan timeout)
    {
        if (!IsInstalled) throw new BrowserRenderException($"{ExecutablePath} not found");
        var profile = Directory.CreateTempSubdirectory("perfmodel-chromium-");
        try
        {
            var psi = new ProcessStartInfo(ExecutablePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in Arguments(profile.FullName, virtualTimeBudgetMilliseconds)) psi.ArgumentList.Add(a);
            psi.ArgumentList.Add("--dump-dom");
            psi.ArgumentList.Add(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri);
            using var process = Start(psi);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new BrowserRenderException($"{ExecutablePath} did not finish within {timeout.TotalSeconds:0} s");
            }
            process.WaitForExit();
            var dom = stdout.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
                throw new BrowserRenderException($"{ExecutablePath} exited with code {process.ExitCode}: {Diagnostics(stderr.GetAwaiter().GetResult())}");
            return dom;
        }
        finally
        {
            try { profile.Delete(recursive: true); }
            catch (IOException) { /* a browser helper may still hold the profile for a moment; a leftover temp dir is harmless */ }
        }
    }

    private Process Start(ProcessStartInfo psi)
    {
        try
        {
            return Process.Start(psi) ?? throw new BrowserRenderException($"{ExecutablePath} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BrowserRenderException($"{ExecutablePath} could not be started: {e.Message}");
        }
    }

    /// <summary>The command-line flags (without the URL and the dump mode): headless, no sandbox (root in containers),
    /// no GPU, no background traffic, a throw-away profile, every host name mapped to NOTFOUND.</summary>
    public static IReadOnlyList<string> Arguments(string profileDirectory, int virtualTimeBudgetMilliseconds) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
        "--user-data-dir=" + profileDirectory,
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--virtual-time-budget=" + virtualTimeBudgetMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    /// <summary>The browser's stderr without its harmless noise (D-Bus, the Debian wrapper's shell test).</summary>
    private static string Diagnostics(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.Contains("dbus", StringComparison.OrdinalIgnoreCase) && !l.Contains("unexpected operator", StringComparison.Ordinal))
            .TakeLast(10).ToArray();
        return lines.Length == 0 ? "(no diagnostics)" : string.Join(" | ", lines);
    }
}
