using PerfModel.Descriptions;

namespace PerfModel.Profiles.Json;

/// <summary>Collects rule violations for one file, each tagged with the file and a JSON path.</summary>
internal sealed class ValidationScope(string file)
{
    private readonly List<ValidationError> errors = [];

    public string File { get; } = file;

    public IReadOnlyList<ValidationError> Errors => errors;

    public int Count => errors.Count;

    public void Add(string path, string rule) => errors.Add(new ValidationError(File, path, rule));

    public void ThrowIfAny()
    {
        if (errors.Count > 0) throw new ProfileValidationException(errors.ToArray());
    }
}
