namespace PerfModel.Calibration.Published;

/// <summary>The halo exchange along one axis during a CCS-QCD BiCGStab solve, as rank 0 prints it ("MPI Commun.
/// Size/Time/Band"); the program writes these lines only for an axis decomposed over more than one process. Its
/// "Mbyte" and "MB/s" are 2²⁰ bytes (it divides bytes by 1024 twice).</summary>
/// <param name="Axis">'X', 'Y' or 'Z'.</param>
/// <param name="Bytes">Bytes exchanged along the axis ("Size[Mbyte]" × 2²⁰).</param>
/// <param name="Seconds">Time spent in the exchange ("Time [sec]").</param>
/// <param name="BytesPerSecond">The exchange's rate ("Band [MB/s]" × 2²⁰).</param>
public sealed record CcsQcdMpiExchange(char Axis, double Bytes, double Seconds, double BytesPerSecond);
