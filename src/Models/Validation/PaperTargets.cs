using System.Collections.Immutable;

namespace PerfModel.Validation;

/// <summary>
/// Every published number of P18 (Gerofi et al., "Performance and Scalability of Lightweight Multi-Kernel based Operating
/// Systems", IPDPS 2018, doi:10.1109/IPDPS.2018.00022) the model is held to, in one place: the validation table, Table I
/// of the report and the tests all read them from here (list with derivations in docs/sources.md#p18-targets). The paper
/// publishes no per-node-count curves, only these anchor values.
/// </summary>
public static class PaperTargets
{
    /// <summary>Name of the paper's Linux (the baseline of every comparison).</summary>
    public const string Linux = "linux";

    /// <summary>Name of IHK/McKernel.</summary>
    public const string McKernel = "mckernel";

    /// <summary>Name of mOS.</summary>
    public const string Mos = "mos";

    /// <summary>Lulesh zones/s, Linux, DDR4 only, 1 node (Table I): 8,959.</summary>
    public static readonly PaperTarget TableOneLinux = new("table1-linux", "Lulesh zones/s, Linux, DDR4 only, 1 node", TargetComparison.Approximately, 8959, "z/s", "P18 Table I", Fitted: true);

    /// <summary>Lulesh zones/s, mOS with heap management disabled (Table I): 9,551.</summary>
    public static readonly PaperTarget TableOneMosNoHeap = new("table1-mos-noheap", "Lulesh zones/s, mOS heap management disabled, DDR4 only", TargetComparison.Approximately, 9551, "z/s", "P18 Table I", Fitted: false);

    /// <summary>Lulesh zones/s, regular mOS (Table I): 10,841.</summary>
    public static readonly PaperTarget TableOneMos = new("table1-mos", "Lulesh zones/s, mOS regular heap management, DDR4 only", TargetComparison.Approximately, 10841, "z/s", "P18 Table I", Fitted: false);

    /// <summary>mOS gain from features other than the heap: 9,551 / 8,959.</summary>
    public static readonly PaperTarget TableOneNonHeapGain = new("table1-nonheap-gain", "mOS gain from features other than the heap (heap-disabled / Linux)", TargetComparison.Approximately,
        TableOneMosNoHeap.PaperValue / TableOneLinux.PaperValue, "ratio", "P18 Table I (about 6%)", Fitted: false);

    /// <summary>mOS gain from brk() handling: 10,841 / 9,551 = 1.135.</summary>
    public static readonly PaperTarget TableOneHeapGain = new("table1-heap-gain", "mOS gain from brk() handling (regular / heap-disabled)", TargetComparison.Approximately,
        TableOneMos.PaperValue / TableOneMosNoHeap.PaperValue, "ratio", "P18 Table I (about 15 points; 10,841 / 9,551 = 1.135)", Fitted: false);

    /// <summary>CCS-QCD best McKernel/Linux: 1.39.</summary>
    public static readonly PaperTarget CcsQcdMcKernelMax = new("ccsqcd-mckernel-max", "CCS-QCD best McKernel/Linux over 1-2,048 nodes", TargetComparison.Approximately, 1.39, "ratio", "P18 Sec. III-C, Fig. 5a", Fitted: true);

    /// <summary>CCS-QCD best mOS/Linux: 1.28.</summary>
    public static readonly PaperTarget CcsQcdMosMax = new("ccsqcd-mos-max", "CCS-QCD best mOS/Linux over 1-2,048 nodes", TargetComparison.Approximately, 1.28, "ratio", "P18 Sec. III-C, Fig. 5a", Fitted: false);

    /// <summary>CCS-QCD McKernel from DDR4 only vs with MCDRAM spill at 2,048 nodes: about 5 % slower.</summary>
    public static readonly PaperTarget CcsQcdMcKernelDdr2048 = new("ccsqcd-mckernel-ddr-2048", "CCS-QCD McKernel DDR4-only / McKernel with MCDRAM spill, 2,048 nodes", TargetComparison.Approximately, 0.95, "ratio", "P18 Sec. III-C (about 5% slowdown)", Fitted: false);

    /// <summary>MiniFE McKernel/Linux at 1,024 nodes: almost 7×.</summary>
    public static readonly PaperTarget MiniFeMcKernel1024 = new("minife-mckernel-1024", "MiniFE McKernel/Linux at 1,024 nodes", TargetComparison.Approximately, 7, "ratio", "P18 Sec. III-C, Fig. 5b (almost 7x)", Fitted: false);

    /// <summary>MiniFE mOS/Linux at 1,024 nodes: almost 7×.</summary>
    public static readonly PaperTarget MiniFeMos1024 = new("minife-mos-1024", "MiniFE mOS/Linux at 1,024 nodes", TargetComparison.Approximately, 7, "ratio", "P18 Sec. III-C, Fig. 5b (almost 7x)", Fitted: false);

    /// <summary>LAMMPS McKernel/Linux at 2,048 nodes: no LWK gain.</summary>
    public static readonly PaperTarget LammpsMcKernel2048 = new("lammps-mckernel-2048", "LAMMPS McKernel/Linux at 2,048 nodes", TargetComparison.AtMost, 1, "ratio", "P18 Sec. IV, Fig. 6b: no LWK gain at scale", Fitted: false);

    /// <summary>LAMMPS mOS/Linux at 2,048 nodes: no LWK gain.</summary>
    public static readonly PaperTarget LammpsMos2048 = new("lammps-mos-2048", "LAMMPS mOS/Linux at 2,048 nodes", TargetComparison.AtMost, 1, "ratio", "P18 Sec. IV, Fig. 6b: no LWK gain at scale", Fitted: false);

    /// <summary>LAMMPS McKernel/Linux on one node: promising.</summary>
    public static readonly PaperTarget LammpsMcKernel1 = new("lammps-mckernel-1", "LAMMPS McKernel/Linux at 1 node", TargetComparison.AtLeast, 1, "ratio", "P18 Sec. IV: single-node results were promising", Fitted: false);

    /// <summary>Lulesh: Linux drops at 1,728 nodes (the median of 5 runs): the mOS advantage grows by at least 1 %.</summary>
    public static readonly PaperTarget LuleshLinuxDrop1728 = new("lulesh-linux-drop-1728", "Lulesh mOS/Linux at 1,728 nodes over mOS/Linux at 1,331 nodes", TargetComparison.AtLeast, 1.01, "ratio", "P18 Sec. III-C, Fig. 6a: Linux drops at 1,728 nodes", Fitted: false);

    /// <summary>AMG2013 with McKernel's --mpol-shm-premap --disable-sched-yield at 16 nodes: +9 %.</summary>
    public static readonly PaperTarget AmgMcKernelOptions16 = new("amg-mckernel-options-16", "AMG2013 McKernel with/without --mpol-shm-premap --disable-sched-yield, 16 nodes", TargetComparison.Approximately, 1.09, "ratio", "P18 Sec. IV (+9%)", Fitted: true);

    /// <summary>MiniFE with the same options at 16 nodes: +2 %.</summary>
    public static readonly PaperTarget MiniFeMcKernelOptions16 = new("minife-mckernel-options-16", "MiniFE McKernel with/without --mpol-shm-premap --disable-sched-yield, 16 nodes", TargetComparison.Approximately, 1.02, "ratio", "P18 Sec. IV (+2%)", Fitted: true);

    /// <summary>Median LWK gain over the Fig. 4 applications, both LWKs, all scales: 9 %.</summary>
    public static readonly PaperTarget MedianGain = new("median-gain", "Median LWK/Linux over the Fig. 4 applications, both LWKs, 1-2,048 nodes", TargetComparison.Approximately, 1.09, "ratio", "P18 Abstract, Sec. VI (9%)", Fitted: false);

    /// <summary>Every target, in the order of the validation table.</summary>
    public static readonly ImmutableArray<PaperTarget> All =
    [
        TableOneLinux, TableOneMosNoHeap, TableOneMos, TableOneNonHeapGain, TableOneHeapGain,
        CcsQcdMcKernelMax, CcsQcdMosMax, CcsQcdMcKernelDdr2048, MiniFeMcKernel1024, MiniFeMos1024,
        LammpsMcKernel2048, LammpsMos2048, LammpsMcKernel1, LuleshLinuxDrop1728, AmgMcKernelOptions16, MiniFeMcKernelOptions16, MedianGain,
    ];

    /// <summary>P18 Table I as printed: configuration, zones/s target, percentage of Linux.</summary>
    public static readonly ImmutableArray<TableOneRow> TableOne =
    [
        new("Linux", TableOneLinux, 100.0),
        new("mOS, heap management disabled", TableOneMosNoHeap, 106.6),
        new("mOS (regular)", TableOneMos, 121.0),
    ];

    /// <summary>The node counts of Fig. 4: powers of two from 1 to 2,048 (P18 Sec. III-C: "1 through 2,048 nodes").</summary>
    public static readonly ImmutableArray<int> Figure4Nodes = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048];

    /// <summary>The applications of Fig. 4 (Lulesh runs on cube node counts and is shown in Fig. 6a instead).</summary>
    public static readonly ImmutableArray<string> Figure4Apps = ["amg2013", "ccs-qcd", "geofem", "hpcg", "lammps", "milc", "minife"];
}
