namespace PerfModel.NotebookTests.Runner;

/// <summary>Which kernel event an output of a cell came from.</summary>
public enum CellOutputKind
{
    /// <summary><c>DisplayedValueProduced</c>: <c>display(x)</c>, <c>x.Display()</c>, or a message of the kernel or an extension.</summary>
    Displayed,

    /// <summary><c>ReturnValueProduced</c>: the value of the cell's last expression.</summary>
    ReturnValue,

    /// <summary><c>StandardOutputValueProduced</c>: <c>Console.Out</c>.</summary>
    StandardOutput,

    /// <summary><c>StandardErrorValueProduced</c>: <c>Console.Error</c> (not an error by itself).</summary>
    StandardError,

    /// <summary><c>CommandFailed</c> or <c>ErrorProduced</c>: the cell failed.</summary>
    Error,
}
