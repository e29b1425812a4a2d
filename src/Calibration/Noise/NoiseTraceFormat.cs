namespace PerfModel.Calibration.Noise;

/// <summary>The noise-trace file formats <see cref="NoiseTraceFile"/> reads (how it tells them apart is documented there).</summary>
public enum NoiseTraceFormat
{
    /// <summary>A fixed-work-quantum probe, CSV in the long or the wide format (<see cref="FwqTrace"/>).</summary>
    Fwq,

    /// <summary>A LogGOPSim noise trace: one <c>start_ns TAB duration_ns</c> line per detour (<see cref="LogGopsimTrace"/>).</summary>
    LogGopsim,
}
