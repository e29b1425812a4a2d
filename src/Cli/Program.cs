using System.CommandLine;
using PerfModel.Cli;

return PerfModelCommand.Create().Parse(args).Invoke();
