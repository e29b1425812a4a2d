using PerfModel.Tests.Support;

namespace PerfModel.Tests.Reports.Figures;

/// <summary>The report of the hand-typed defaults (<see cref="HandTypedDefaults"/>), whose MiniFE runs off Fig. 4's scale
/// at 2,048 nodes: the figure's off-scale drawing is tested on it (the published defaults keep every point on scale).</summary>
public sealed class HandTypedReportFiguresFixture() : ReportFiguresFixture(HandTypedDefaults.Study());
