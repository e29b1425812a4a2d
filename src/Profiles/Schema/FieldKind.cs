namespace PerfModel.Profiles.Schema;

/// <summary>How a profile field is written in JSON.</summary>
public enum FieldKind
{
    /// <summary>A number with provenance: <c>{"value": 2.4, "source": "…"}</c> or <c>{"value": …, "estimate": "reason"}</c>.</summary>
    Quantity,

    /// <summary>A whole number with provenance (same form as <see cref="Quantity"/>).</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A string.</summary>
    Text,

    /// <summary>A kebab-case string naming a value of an enum ("hbm-if-fits-else-ddr").</summary>
    Choice,

    /// <summary>A nested object.</summary>
    Object,

    /// <summary>An array of nested objects.</summary>
    ObjectArray,

    /// <summary>A noise source's detour duration: <c>durationSeconds</c> (a fixed duration with provenance) or a
    /// <c>duration</c> object naming a distribution.</summary>
    Duration,

    /// <summary>A list of node counts with one provenance: <c>{"values": [1, 8, 27], "source": "…"}</c>.</summary>
    NodeList,
}
