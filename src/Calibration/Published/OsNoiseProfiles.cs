namespace PerfModel.Calibration.Published;

/// <summary>The noise sections of the three OS profiles derived by <see cref="OsNoiseDerivation.Derive(NoiseClasses, NoisyCoreClass, NoiseAssumptions)"/>, with the
/// assumptions they were derived under.</summary>
public sealed record OsNoiseProfiles
{
    /// <summary>The three OS noises and the assumptions.</summary>
    public OsNoiseProfiles(OsNoise linux, OsNoise mcKernel, OsNoise mos, NoiseAssumptions assumptions)
    {
        Linux = linux;
        McKernel = mcKernel;
        Mos = mos;
        Assumptions = assumptions;
    }

    /// <summary>Linux on the application cores (<c>nohz_full</c>).</summary>
    public OsNoise Linux { get; }

    /// <summary>IHK/McKernel's LWK cores.</summary>
    public OsNoise McKernel { get; }

    /// <summary>mOS's LWK cores.</summary>
    public OsNoise Mos { get; }

    /// <summary>The assumptions used.</summary>
    public NoiseAssumptions Assumptions { get; }
}
