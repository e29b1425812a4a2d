namespace PerfModel.Descriptions;

/// <summary>The three kinds of profile file.</summary>
public enum ProfileKind
{
    /// <summary>data/platforms/*.json.</summary>
    Platform,

    /// <summary>data/os/*.json.</summary>
    Os,

    /// <summary>data/apps/*.json.</summary>
    App,
}
