using Xunit;

namespace Tessera.Durable.Tests.Port;

public sealed class DeterministicGuidTests
{
    private static readonly Guid DnsNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    [Theory]
    // Python documentation, uuid module examples: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
    [InlineData("python.org", "886313e1-3b8a-5372-9b90-0c9aee199e5d")]
    // RFC 9562, Appendix A.4 (UUIDv5 example test vector): DNS namespace, "www.example.com".
    [InlineData("www.example.com", "2ed6657d-e927-568b-95e1-2665a8aea6a2")]
    public void Matches_published_uuid_v5_vectors(string name, string expected) =>
        Assert.Equal(new Guid(expected), DeterministicGuid.Create(DnsNamespace, name));

    [Fact]
    public void Orchestration_namespace_value_matches_an_independent_implementation()
    {
        // Value computed with Python's uuid.uuid5(UUID('9e952958-...'), name), an independent implementation.
        var guid = DeterministicGuid.Create(DeterministicGuid.OrchestrationNamespace, "abc_2026-01-02T03:04:05.0000000Z_0");

        Assert.Equal(new Guid("370d3d9a-7333-5a0f-8ab2-b41ade0b372d"), guid);
    }
}
