using Tessera.Core.Secrets;
using Tessera.Storage.Configuration.Secrets;
using Xunit;

namespace Tessera.Storage.Tests.Configuration.Secrets;

/// <summary>The layering: the environment wins, then Key Vault (when TESSERA_KEYVAULT_URI is set), then the .env file.</summary>
public sealed class SecretEnvironmentTests : IDisposable
{
    private readonly DirectoryInfo _repo = Directory.CreateTempSubdirectory("tessera-secrets-");
    private readonly FakeKeyVault _vault = new();

    public SecretEnvironmentTests()
    {
        // A repository root (FunctionApp.sln) bounds the .env search.
        File.WriteAllText(Path.Combine(_repo.FullName, "FunctionApp.sln"), string.Empty);
    }

    public void Dispose()
    {
        _vault.Dispose();
        _repo.Delete(recursive: true);
    }

    [Fact]
    public async Task Environment_beats_key_vault_which_beats_the_dotenv_file()
    {
        File.WriteAllText(Path.Combine(_repo.FullName, ".env"), $"""
            {TesseraSecrets.ApiKey}=from-dotenv
            {TesseraSecrets.AlpacaKeyId}=from-dotenv
            {TesseraSecrets.AlpacaSecretKey}=from-dotenv
            {TesseraSecrets.KeyVaultUriVariable}={FakeKeyVault.VaultUri}
            TESSERA_BROKER=alpaca-paper
            """);
        _vault.With("apca-api-key-id", "from-vault").With("tessera-api-key", "vault-loses-to-environment");
        var env = new Dictionary<string, string?> { [TesseraSecrets.ApiKey] = "from-environment", ["EMPTY"] = string.Empty };

        var resolved = await SecretEnvironment.ResolveAsync(env, _repo.FullName, uri => new KeyVaultSecretSource(_vault.Client()), CancellationToken.None);

        Assert.Equal("from-environment", resolved.Get(TesseraSecrets.ApiKey));
        Assert.Equal("from-vault", resolved.Get(TesseraSecrets.AlpacaKeyId));
        Assert.Equal("from-dotenv", resolved.Get(TesseraSecrets.AlpacaSecretKey));
        Assert.Equal("alpaca-paper", resolved.Get("TESSERA_BROKER"));
        Assert.Null(resolved.Get("EMPTY"));
        Assert.Equal("environment", resolved.Describe(TesseraSecrets.ApiKey));
        Assert.Equal("Key Vault tessera-test.vault.azure.net", resolved.Describe(TesseraSecrets.AlpacaKeyId));
        Assert.Equal(Path.Combine(_repo.FullName, ".env"), resolved.Describe(TesseraSecrets.AlpacaSecretKey));
        // The vault is asked only for the catalogued secrets the environment lacks.
        Assert.DoesNotContain("GET /secrets/tessera-api-key", _vault.Requests);
        Assert.Contains("GET /secrets/apca-api-key-id", _vault.Requests);
    }

    [Fact]
    public async Task Without_a_vault_uri_the_vault_is_never_opened()
    {
        var opened = false;
        var resolved = await SecretEnvironment.ResolveAsync(new Dictionary<string, string?>(), _repo.FullName, uri =>
        {
            opened = true;
            return new KeyVaultSecretSource(_vault.Client());
        }, CancellationToken.None);
        Assert.False(opened);
        Assert.Null(resolved.KeyVault);
        Assert.Null(resolved.DotEnvPath);
    }

    [Fact]
    public void The_dotenv_is_found_in_the_working_directory_then_up_to_the_repository_root_and_no_further()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_repo.FullName, "a", "b"));
        var env = new Dictionary<string, string?>();
        Assert.Null(SecretEnvironment.FindDotEnv(env, nested.FullName));

        File.WriteAllText(Path.Combine(_repo.FullName, ".env"), "A=root\n");
        Assert.Equal(Path.Combine(_repo.FullName, ".env"), SecretEnvironment.FindDotEnv(env, nested.FullName));

        File.WriteAllText(Path.Combine(nested.FullName, ".env"), "A=here\n");
        Assert.Equal(Path.Combine(nested.FullName, ".env"), SecretEnvironment.FindDotEnv(env, nested.FullName));

        // Above the repository root nothing is read (a .env of a parent folder belongs to something else).
        var outside = Directory.CreateDirectory(Path.Combine(_repo.FullName, "inner-repo"));
        File.WriteAllText(Path.Combine(outside.FullName, "FunctionApp.sln"), string.Empty);
        Assert.Null(SecretEnvironment.FindDotEnv(env, outside.FullName));
    }

    [Fact]
    public void An_explicit_dotenv_must_exist()
    {
        var env = new Dictionary<string, string?> { [TesseraSecrets.DotEnvVariable] = Path.Combine(_repo.FullName, "missing.env") };
        var e = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => SecretEnvironment.FindDotEnv(env, _repo.FullName));
        Assert.Equal(TesseraSecrets.DotEnvVariable, e.Field);
    }

    [Fact]
    public async Task A_malformed_dotenv_stops_resolution_with_its_line()
    {
        File.WriteAllText(Path.Combine(_repo.FullName, ".env"), "OK=1\nBROKEN LINE\n");
        var e = await Assert.ThrowsAsync<DotEnvFormatException>(() => SecretEnvironment.ResolveAsync(new Dictionary<string, string?>(), _repo.FullName, null, CancellationToken.None));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Presence_reports_required_missing_and_optional_without_values()
    {
        var resolved = new ResolvedEnvironment(
            new Dictionary<string, string> { [TesseraSecrets.AlpacaKeyId] = "canary-value", ["MY_HOOK"] = "canary-hook" },
            new Dictionary<string, SecretOrigin> { [TesseraSecrets.AlpacaKeyId] = SecretOrigin.Environment, ["MY_HOOK"] = SecretOrigin.Environment },
            null,
            null);
        var rows = SecretPresence.Evaluate(resolved, [
            new SecretRequirement(TesseraSecrets.AlpacaKeyId, "--broker alpaca-paper"),
            new SecretRequirement(TesseraSecrets.AlpacaSecretKey, "--broker alpaca-paper"),
            new SecretRequirement("MY_HOOK", "alerts.webhook is enabled"),
        ]);

        Assert.Equal(TesseraSecrets.All.Count + 1, rows.Count);
        Assert.True(rows.Single(r => r.Variable == TesseraSecrets.AlpacaKeyId).Present);
        Assert.True(rows.Single(r => r.Variable == TesseraSecrets.AlpacaSecretKey).Missing);
        Assert.False(rows.Single(r => r.Variable == TesseraSecrets.ApiKey).Missing);
        Assert.True(rows.Single(r => r.Variable == "MY_HOOK").Present);
        Assert.DoesNotContain(rows, r => r.ToString().Contains("canary", StringComparison.Ordinal));
    }
}
