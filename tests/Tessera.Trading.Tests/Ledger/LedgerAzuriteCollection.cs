using Tessera.Testing;
using Xunit;

namespace Tessera.Trading.Tests.Ledger;

/// <summary>
/// The ledger tests' Azurite (xUnit needs the collection definition inside the test assembly; the fixture is shared
/// code). Named for the ledger so other folders of this test project can define or share their own without a clash.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LedgerAzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "ledger-azurite";
}
