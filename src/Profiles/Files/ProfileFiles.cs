using PerfModel.Descriptions;
using PerfModel.Profiles.Json;

namespace PerfModel.Profiles.Files;

/// <summary>Loads profiles from files. Every failure, a missing or unreadable file included, is a
/// <see cref="ProfileValidationException"/> naming the file.</summary>
public static class ProfileFiles
{
    /// <summary>A platform profile file.</summary>
    public static Platform LoadPlatform(string path) => ProfileJson.ParsePlatform(Read(path), path);

    /// <summary>An OS profile file.</summary>
    public static OsProfile LoadOs(string path) => ProfileJson.ParseOs(Read(path), path);

    /// <summary>An application profile file.</summary>
    public static AppProfile LoadApp(string path) => ProfileJson.ParseApp(Read(path), path);

    /// <summary>The text of <paramref name="path"/> (a regular file of at most <see cref="InputFile.MaxProfileBytes"/>,
    /// strict UTF-8; <see cref="InputFile"/>), or a <see cref="ProfileValidationException"/> saying why it cannot be read.</summary>
    public static string Read(string path) => InputFile.ReadText(path, InputFile.MaxProfileBytes, "a profile");
}
