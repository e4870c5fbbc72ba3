using Tessera.Local.Hosting;
using Xunit;

namespace Tessera.Local.Tests.Hosting;

/// <summary>Hardening item 15: the embedded default's data folder and the emulator's folder are the owner's alone.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OwnerOnlyFolderTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string _root = Directory.CreateTempSubdirectory("tessera-perm-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Hardening_item_15_the_embedded_data_folder_and_azurite_folder_are_owner_only()
    {
        var local = Path.Combine(_root, "fresh", ".local");
        var cli = new TestCli(new Dictionary<string, string?> { ["TESSERA_LOCAL_DIR"] = local });
        await using (var storage = await LocalStorage.OpenAsync(cli.Context, null, CancellationToken.None))
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(local));
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(local, "azurite")));
        }
    }

    [Fact]
    public void A_folder_an_earlier_version_left_world_readable_is_tightened()
    {
        var path = Path.Combine(_root, "old");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        OwnerOnlyFolder.Ensure(path);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }
}
