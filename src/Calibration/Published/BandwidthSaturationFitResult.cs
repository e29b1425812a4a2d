using System.Collections.Immutable;
using PerfModel.Calibration.Fitting;

namespace PerfModel.Calibration.Published;

/// <summary>A memory tier's bandwidth against cores, b(n) = min(β n, B), fitted by <see cref="BandwidthSaturationFit"/>.</summary>
/// <param name="PerCoreBandwidth">β, bytes per second per core (the slope below the knee), with its bootstrap 95% interval.</param>
/// <param name="SaturatedBandwidth">B, bytes per second (the plateau), with its bootstrap 95% interval.</param>
/// <param name="Knee">n* = B / β, cores: where one core's share β times the cores reaches the plateau.</param>
/// <param name="PlateauObserved">False when the best knee is the largest thread count fitted: the data show no plateau, and
/// B is then only a lower bound (β n at that count).</param>
/// <param name="Fit">Goodness of the fitted model on the points used.</param>
/// <param name="Unsaturated">Goodness of the model without saturation, b(n) = β n, fitted the same way to the same points:
/// the comparison that says whether the data call for a plateau at all.</param>
/// <param name="Residuals">Measured and fitted rate at every point used, by ascending thread count.</param>
/// <param name="ExcludedThreads">Thread counts left out because they exceed the application's cores (SMT oversubscription
/// on KNL: 128 and 256 threads on 64 cores).</param>
/// <param name="AppCores">The application's cores: points with more threads were excluded.</param>
public sealed record BandwidthSaturationFitResult(
    ParameterEstimate PerCoreBandwidth,
    ParameterEstimate SaturatedBandwidth,
    ParameterEstimate Knee,
    bool PlateauObserved,
    GoodnessOfFit Fit,
    GoodnessOfFit Unsaturated,
    ImmutableArray<SaturationResidual> Residuals,
    ImmutableArray<int> ExcludedThreads,
    int AppCores);
