using Tessera.Storage.Local;
using Xunit;

namespace Tessera.Testing;

/// <summary>One Azurite per test collection, on free loopback ports, stopped when the collection ends.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteLauncher? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite not started");

    public async Task InitializeAsync() => _azurite = await AzuriteLauncher.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
