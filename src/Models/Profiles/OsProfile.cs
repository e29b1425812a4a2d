namespace PerfModel.Profiles;

/// <summary>An operating system configuration as the application sees it (data/os/*.json).</summary>
/// <param name="Name">Identifier ("linux", "mckernel", "mos").</param>
/// <param name="DisplayName">Name for tables and figures.</param>
/// <param name="IsLightweightKernel">True for an LWK (McKernel, mOS).</param>
/// <param name="Noise">Noise seen by application cores.</param>
/// <param name="Brk">Heap policy.</param>
/// <param name="Pages">Page sizes for the non-heap memory.</param>
/// <param name="Placement">HBM/DDR placement.</param>
/// <param name="Syscalls">Offload policy.</param>
public sealed record OsProfile(
    string Name,
    string DisplayName,
    bool IsLightweightKernel,
    NoiseProfile Noise,
    BrkPolicy Brk,
    PagePolicy Pages,
    MemoryPlacement Placement,
    SyscallPolicy Syscalls)
{
    public Provenance Provenance { get; init; } = Provenance.Empty;

    /// <summary>Checks every rule and returns all violations (empty when valid).</summary>
    public IReadOnlyList<ValidationError> Validate(string file = "<memory>")
    {
        var v = new ValidationScope(file);
        if (string.IsNullOrWhiteSpace(Name)) v.Add("$.name", "must not be empty");
        if (string.IsNullOrWhiteSpace(DisplayName)) v.Add("$.displayName", "must not be empty");
        Noise.Validate(v, "$.noise");
        Brk.Validate(v, "$.brk");
        Pages.Validate(v, "$.pages");
        Placement.Validate(v, "$.placement");
        Syscalls.Validate(v, "$.syscalls");
        return v.Errors;
    }
}
