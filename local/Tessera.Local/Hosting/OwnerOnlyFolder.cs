namespace Tessera.Local.Hosting;

/// <summary>
/// The embedded default's data folder (.local: run journal, API key, events, runs, the embedded Azurite's files) is the
/// owner's alone, like the key file: created 0700, and tightened to 0700 when an earlier version left it readable by
/// group or others. Files inside keep the emulator's own modes; without search permission on the folder nobody else
/// can reach them.
/// </summary>
public static class OwnerOnlyFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Ensure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerOnly);
        if (File.GetUnixFileMode(path) != OwnerOnly)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
