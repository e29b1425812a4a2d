using PerfModel.Predictions;

namespace PerfModel;

/// <summary>A prediction with its performance relative to the study's baseline OS at the same node count (FOM ratio,
/// &gt; 1 = faster than the baseline).</summary>
/// <param name="Prediction">The prediction.</param>
/// <param name="RelativeToBaseline">FOM ratio to the baseline OS.</param>
/// <param name="Baseline">The baseline OS's prediction of the same application and node count.</param>
public sealed record SweepRow(Prediction Prediction, [property: Units.Dimensionless("FOM ratio to the baseline")] double RelativeToBaseline, Prediction Baseline);
