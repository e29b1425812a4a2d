namespace PerfModel.Calibration.Synthesis;

/// <summary>One host's value of one merge parameter against the median over the hosts.</summary>
/// <param name="Parameter">The parameter's <see cref="MergeParameter.Name"/>.</param>
/// <param name="Value">The host's value (SI units).</param>
/// <param name="Median">The median over all hosts.</param>
public sealed record ParameterDeviation(string Parameter, double Value, double Median)
{
    /// <summary>Relative deviation from the median, (value − median) / median; 0 when the median is not positive.</summary>
    [Dimensionless("relative deviation")]
    public double Deviation => Median > 0 ? (Value - Median) / Median : 0;

    /// <summary>Whether the host stands out: |deviation| &gt; <see cref="CalibrationMerge.OutlierThreshold"/>.</summary>
    public bool StandsOut => Math.Abs(Deviation) > CalibrationMerge.OutlierThreshold;
}
