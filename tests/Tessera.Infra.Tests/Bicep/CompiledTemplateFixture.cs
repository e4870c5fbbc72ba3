using Xunit;

namespace Tessera.Infra.Tests.Bicep;

/// <summary>One compilation of infra/main.bicep shared by every template test (bicep build takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "compiled infra template";
}
