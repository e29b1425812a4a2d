namespace PerfModel.Calibration.Published;

/// <summary>The extents of a four-dimensional lattice as a CCS-QCD job output prints them (x, y, z, t), in sites.</summary>
/// <param name="X">Sites along x (≥ 1).</param>
/// <param name="Y">Sites along y (≥ 1).</param>
/// <param name="Z">Sites along z (≥ 1).</param>
/// <param name="T">Sites along t (≥ 1).</param>
public sealed record CcsQcdLattice(int X, int Y, int Z, int T);
