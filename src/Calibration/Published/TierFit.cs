namespace PerfModel.Calibration.Published;

/// <summary>The saturation fit of one memory tier (<see cref="BandwidthSaturationFit"/>) and the file it was fitted to.</summary>
public sealed record TierFit(string Tier, string File, BandwidthSaturationFitResult Fit);
