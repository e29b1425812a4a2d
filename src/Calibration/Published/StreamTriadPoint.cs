namespace PerfModel.Calibration.Published;

/// <summary>One STREAM triad measurement: the rate reached with <paramref name="Threads"/> OpenMP threads.</summary>
/// <param name="Threads">OpenMP threads (≥ 1); one per core up to the core count, SMT threads beyond it.</param>
/// <param name="BytesPerSecond">Triad rate in bytes per second (STREAM's MB/s × 10⁶; STREAM counts 24 bytes per
/// iteration, two reads and one write of 8-byte doubles).</param>
public sealed record StreamTriadPoint(int Threads, double BytesPerSecond);
