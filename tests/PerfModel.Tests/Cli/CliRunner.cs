using PerfModel.Cli;

namespace PerfModel.Tests.Cli;

/// <summary>Runs the perfmodel command in-process and captures its output and exit code.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = PerfModelCommand.Invoke(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
