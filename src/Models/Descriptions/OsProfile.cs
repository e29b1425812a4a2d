using PerfModel.Internal;

namespace PerfModel.Descriptions;

/// <summary>An operating system configuration as the application sees it (data/os/*.json). Valid when made: name and
/// display name not empty, every part present (each part is valid when made).</summary>
public sealed record OsProfile
{
    /// <summary>Identifier ("linux", "mckernel", "mos").</summary>
    public required string Name { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>Name for tables and figures.</summary>
    public required string DisplayName { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>True for a lightweight kernel (McKernel, mOS).</summary>
    public required bool IsLightweightKernel { get; init; }

    /// <summary>Noise seen by application cores.</summary>
    public required NoiseProfile Noise { get; init => field = Rules.NotNull(this, value); }

    /// <summary>Heap policy.</summary>
    public required BrkPolicy Brk { get; init => field = Rules.NotNull(this, value); }

    /// <summary>Page sizes for the non-heap memory.</summary>
    public required PagePolicy Pages { get; init => field = Rules.NotNull(this, value); }

    /// <summary>HBM/DDR placement.</summary>
    public required MemoryPlacement Placement { get; init => field = Rules.NotNull(this, value); }

    /// <summary>Offload policy.</summary>
    public required SyscallPolicy Syscalls { get; init => field = Rules.NotNull(this, value); }

    /// <summary>Where each number comes from (empty for a profile built in code).</summary>
    public Provenance Provenance { get; init => field = value ?? Provenance.Empty; } = Provenance.Empty;
}
