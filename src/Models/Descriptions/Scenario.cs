using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;

namespace PerfModel.Descriptions;

/// <summary>
/// One application on one OS at a node count of one platform: what a prediction is made for. The rules that span
/// records are checked here, once, when the scenario (or a <c>with</c> copy) is made: the application's ranks × threads
/// fit the platform's application cores, nodes ≥ 1, and the total rank count fits a 32-bit integer.
/// </summary>
public sealed record Scenario
{
    private Platform? platform;
    private AppProfile? app;
    private int? nodes;

    /// <summary>A scenario.</summary>
    [SetsRequiredMembers]
    public Scenario(Platform platform, OsProfile os, AppProfile app, int nodes)
    {
        Platform = platform;
        Os = os;
        App = app;
        Nodes = nodes;
    }

    /// <summary>The node type and machine.</summary>
    public required Platform Platform
    {
        get => platform!;
        init { platform = Rules.NotNull(this, value); Check(); }
    }

    /// <summary>The operating system.</summary>
    public required OsProfile Os { get; init => field = Rules.NotNull(this, value); }

    /// <summary>The application.</summary>
    public required AppProfile App
    {
        get => app!;
        init { app = Rules.NotNull(this, value); Check(); }
    }

    /// <summary>Nodes the application runs on.</summary>
    public required int Nodes
    {
        get => nodes ?? 0;
        init { nodes = Rules.AtLeast(this, value, 1); Check(); }
    }

    /// <summary>MPI ranks: ranks per node × nodes.</summary>
    public long Ranks => (long)App.RanksPerNode * Nodes;

    /// <summary>Application cores in use: ranks × threads.</summary>
    public long Cores => Ranks * App.ThreadsPerRank;

    /// <summary>The rule that spans an application and a platform: the application's ranks × threads per node fit the
    /// platform's application cores. Null when it holds, else what is wrong.</summary>
    public static string? CoreViolation(Platform platform, AppProfile app)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(app);
        return app.CoresPerNode > platform.AppCoresPerNode
            ? $"ranksPerNode x threadsPerRank = {app.CoresPerNode} exceeds the {platform.AppCoresPerNode} application cores of platform '{platform.Name}'"
            : null;
    }

    private void Check()
    {
        if (platform is { } p && app is { } a && CoreViolation(p, a) is { } rule)
            throw Rules.Broken(this, $"{nameof(App)}.{nameof(AppProfile.RanksPerNode)}", a.RanksPerNode, rule);
        if (app is { } a2 && nodes is { } n && (long)a2.RanksPerNode * n > int.MaxValue)
            throw Rules.Broken(this, nameof(Nodes), n, $"gives {(long)a2.RanksPerNode * n} ranks, more than this model handles ({int.MaxValue})");
    }
}
