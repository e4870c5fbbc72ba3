using Tessera.Core.Secrets;

namespace Tessera.Infra.Tests;

/// <summary>What the tests expect the template to carry, named once.</summary>
internal static class InfraExpectations
{
    /// <summary>The secrets deployment stores in Key Vault, by environment variable name (names from the code's one catalog).</summary>
    public static readonly string[] DeployedSecrets = [TesseraSecrets.ApiKey, TesseraSecrets.AlpacaKeyId, TesseraSecrets.AlpacaSecretKey];

    /// <summary>Built-in role definition ids (Azure RBAC built-in roles) and their names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Roles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["7f951dda-4ed3-4680-a7ca-43fe172d538d"] = "AcrPull",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };

    /// <summary>The name the runtime's Key Vault source reads a variable under: the deployed secrets must use it.</summary>
    public static string KeyVaultName(string variable) => TesseraSecrets.KeyVaultName(variable);
}
