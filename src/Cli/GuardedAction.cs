using System.CommandLine;
using System.CommandLine.Invocation;

namespace PerfModel.Cli;

/// <summary>
/// The action of every perfmodel command: it runs even when the command line did not parse
/// (<see cref="ClearsParseErrors"/>), so that a parse error, an unknown argument or a missing command is reported like
/// every other failure — one line on standard error and exit code 2 — instead of System.CommandLine's error list and help
/// page; then it runs the command's own action and turns any exception into the line and exit code of
/// <see cref="ErrorLine"/> (70 for one that is not the input's fault; <c>--verbose</c> adds the exception).
/// </summary>
internal sealed class GuardedAction(Command command, SynchronousCommandLineAction? inner, TextWriter errors, Option<bool> verbose) : SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        var args = parseResult.Tokens.Select(t => t.Value).ToArray();
        var path = CommandPath(parseResult);
        if (parseResult.Errors.Count > 0)
        {
            var first = parseResult.Errors[0].Message;
            var more = parseResult.Errors.Count - 1;
            return ErrorLine.Usage(errors, first + (more > 0 ? $" (and {more} more problem{(more == 1 ? "" : "s")})" : ""), args);
        }
        if (parseResult.UnmatchedTokens.Count > 0)
        {
            var names = string.Join(", ", command.Subcommands.Select(c => c.Name).Concat(command.Options.Where(o => !o.Hidden).Select(o => o.Name)));
            return ErrorLine.Usage(errors, $"unknown argument {ErrorLine.Echo(parseResult.UnmatchedTokens[0])} for {path}; expected {names} (see {path} --help)", args);
        }
        if (inner is null)
            return ErrorLine.Usage(errors, $"{path} needs a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))} (see {path} --help)", args);
        try
        {
            return inner.Invoke(parseResult);
        }
        catch (Exception e)
        {
            return ErrorLine.Write(errors, e, args, parseResult.GetValue(verbose));
        }
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var r = parseResult.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(r.Command is RootCommand ? "perfmodel" : r.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>Gives every command of the tree under <paramref name="root"/> this action around its own.</summary>
    public static void Install(Command root, TextWriter errors, Option<bool> verbose)
    {
        root.Action = new GuardedAction(root, root.Action as SynchronousCommandLineAction, errors, verbose);
        foreach (var sub in root.Subcommands) Install(sub, errors, verbose);
    }
}
