using Tessera.Testing;
using Xunit;

namespace Tessera.Trading.Tests.Orders.Support;

/// <summary>The Orders tests' Azurite (the fixture is shared infrastructure; the collection must live in this assembly).</summary>
[CollectionDefinition(Name)]
public sealed class OrdersAzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "orders-azurite";
}
