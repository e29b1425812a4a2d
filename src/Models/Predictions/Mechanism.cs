namespace PerfModel.Predictions;

/// <summary>The mechanisms a runtime is broken down into.</summary>
public enum Mechanism { Compute, Memory, Tlb, Heap, Noise, Communication, Syscall }
