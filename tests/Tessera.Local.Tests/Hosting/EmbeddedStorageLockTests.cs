using Tessera.Local.Hosting;
using Xunit;

namespace Tessera.Local.Tests.Hosting;

public sealed class EmbeddedStorageLockTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-lock-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Only_one_claim_succeeds_while_its_owner_lives()
    {
        var path = Path.Combine(_dir, "embedded-storage.lock");
        Assert.True(EmbeddedStorageLock.TryClaim(path));
        Assert.False(EmbeddedStorageLock.TryClaim(path)); // this process is alive and holds it
        Assert.Equal(Environment.ProcessId, EmbeddedStorageLock.ReadProcessId(path));
    }

    [Fact]
    public void A_stale_lock_of_a_dead_process_is_taken_over()
    {
        var path = Path.Combine(_dir, "embedded-storage.lock");
        File.WriteAllText(path, "2147483646 1 2 3"); // no such process
        Assert.Null(EmbeddedStorageLock.TryReadLive(path));
        Assert.True(EmbeddedStorageLock.TryClaim(path));
        Assert.Equal(Environment.ProcessId, EmbeddedStorageLock.ReadProcessId(path));
    }
}
