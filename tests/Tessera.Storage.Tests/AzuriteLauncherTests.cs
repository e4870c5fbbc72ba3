using System.Net.Sockets;
using Tessera.Testing;
using Xunit;

namespace Tessera.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteLauncherTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Azurite_listens_on_loopback_ports_named_in_the_connection_string()
    {
        Assert.Contains("127.0.0.1", azurite.ConnectionString, StringComparison.Ordinal);
        var tableEndpoint = azurite.ConnectionString.Split(';').Single(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal));
        var port = new Uri(tableEndpoint["TableEndpoint=".Length..]).Port;
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        Assert.True(client.Connected);
    }
}
