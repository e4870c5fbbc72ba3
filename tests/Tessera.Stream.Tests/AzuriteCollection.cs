using Tessera.Testing;
using Xunit;

namespace Tessera.Stream.Tests;

/// <summary>xUnit needs the collection definition inside the test assembly; the fixture itself is shared.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
