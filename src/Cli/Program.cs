using PerfModel.Cli;

return PerfModelCommand.Invoke(args);
