namespace PerfModel.Cli;

/// <summary>The exit codes of <c>perfmodel</c>. Every failure prints one line on standard error,
/// <c>perfmodel: error: …</c> (an invalid profile adds one indented line per broken rule); <c>--verbose</c> adds the full
/// exception.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An input profile (JSON file given by --platform, --os-file or --app-file) is missing or breaks a rule.</summary>
    public const int InvalidProfile = 1;

    /// <summary>Bad usage or a failure of the environment: an unknown command or option, an option's value outside its
    /// range or syntax, an unknown name, an output that cannot be written, a measurement that cannot run here.</summary>
    public const int Usage = 2;

    /// <summary>An internal error (a defect of perfmodel, not of the input): the message says so and
    /// <c>--verbose</c> prints the exception (EX_SOFTWARE of sysexits.h).</summary>
    public const int Internal = 70;
}
