using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(PerfModel.Bench.ClosedFormCost).Assembly).Run(args);
