namespace PerfModel.Profiles;

/// <summary>Weak scaling keeps the work per rank fixed; strong scaling keeps the total work fixed and divides it.</summary>
public enum ScalingMode { Weak, Strong }
