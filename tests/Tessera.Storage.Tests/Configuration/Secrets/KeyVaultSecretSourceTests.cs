using Tessera.Core.Secrets;
using Tessera.Storage.Configuration.Secrets;
using Xunit;

namespace Tessera.Storage.Tests.Configuration.Secrets;

public sealed class KeyVaultSecretSourceTests : IDisposable
{
    private readonly FakeKeyVault _vault = new();

    public void Dispose() => _vault.Dispose();

    [Fact]
    public async Task Reads_each_named_secret_under_its_derived_key_vault_name_and_leaves_absent_ones_out()
    {
        _vault.With("tessera-api-key", "api-canary").With("apca-api-key-id", "key-canary").With("unrelated", "never-read");
        var source = new KeyVaultSecretSource(_vault.Client());

        var found = await source.ReadAsync([TesseraSecrets.ApiKey, TesseraSecrets.AlpacaKeyId, TesseraSecrets.AlpacaSecretKey], CancellationToken.None);

        Assert.Equal(2, found.Count);
        Assert.Equal("api-canary", found[TesseraSecrets.ApiKey]);
        Assert.Equal("key-canary", found[TesseraSecrets.AlpacaKeyId]);
        // Only the names asked for, each once: the vault is never listed.
        Assert.Equal(["GET /secrets/tessera-api-key", "GET /secrets/apca-api-key-id", "GET /secrets/apca-api-secret-key"], _vault.Requests);
    }

    [Fact]
    public async Task A_refused_read_is_a_typed_error_naming_vault_and_secret_without_any_value()
    {
        _vault.With("tessera-api-key", "api-canary").Forbid("apca-api-key-id");
        var source = new KeyVaultSecretSource(_vault.Client());

        var e = await Assert.ThrowsAsync<SecretSourceUnavailableException>(() => source.ReadAsync([TesseraSecrets.ApiKey, TesseraSecrets.AlpacaKeyId], CancellationToken.None));

        Assert.Equal("apca-api-key-id", e.SecretName);
        Assert.Contains("tessera-test.vault.azure.net", e.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 403 Forbidden", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("api-canary", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://tessera.vault.azure.net/")]
    [InlineData("not a uri")]
    [InlineData("https://user:pw@tessera.vault.azure.net/")]
    public void A_vault_uri_that_is_not_https_is_refused_by_name(string uri)
    {
        var e = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => KeyVaultSecretSource.ForVault(uri));
        Assert.Equal(TesseraSecrets.KeyVaultUriVariable, e.Field);
    }

    [Fact]
    public void Key_vault_names_follow_the_one_rule_infra_uses()
    {
        Assert.Equal("tessera-api-key", TesseraSecrets.KeyVaultName(TesseraSecrets.ApiKey));
        Assert.Equal("apca-api-key-id", TesseraSecrets.KeyVaultName(TesseraSecrets.AlpacaKeyId));
        Assert.Equal("apca-api-secret-key", TesseraSecrets.KeyVaultName(TesseraSecrets.AlpacaSecretKey));
        Assert.All(TesseraSecrets.All, s => Assert.Matches("^[0-9a-z-]{1,127}$", s.KeyVaultName));
    }
}
