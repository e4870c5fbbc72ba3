using System.Text.Json.Nodes;
using Tessera.Infra.Tests.Bicep;
using Tessera.Testing;
using Xunit;

namespace Tessera.Infra.Tests;

/// <summary>
/// No secret value lives in the template or its parameters file: secure parameters have no default, no output
/// reads a secure parameter or a key-listing function, and main.parameters.json maps each secret to an azd
/// environment variable only.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class TemplateSecretsTests(CompiledTemplate template)
{
    [Fact]
    public void The_secrets_are_secure_parameters_without_a_default()
    {
        var parameters = template.Main["parameters"]!.AsObject();
        foreach (var name in new[] { "tesseraApiKey", "alpacaKeyId", "alpacaSecretKey" })
        {
            Assert.Equal("securestring", (string)parameters[name]!["type"]!);
            Assert.Null(parameters[name]!["defaultValue"]);
        }
    }

    [Fact]
    public void No_secure_parameter_of_any_template_has_a_default_and_no_output_reads_one()
    {
        var secureCount = 0;
        foreach (var (module, t) in template.Templates())
        {
            var secure = (t["parameters"]?.AsObject() ?? [])
                .Where(p => (string?)p.Value!["type"] is "securestring" or "secureObject")
                .Select(p => p.Key)
                .ToArray();
            secureCount += secure.Length;
            foreach (var name in secure)
            {
                Assert.True(t["parameters"]![name]!["defaultValue"] is null, $"{module}: secure parameter {name} has a default");
            }

            foreach (var (output, value) in t["outputs"]?.AsObject() ?? [])
            {
                var text = value!.ToJsonString();
                Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("listSecrets", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("securestring", text, StringComparison.OrdinalIgnoreCase);
                foreach (var name in secure)
                {
                    Assert.False(text.Contains($"parameters('{name}')", StringComparison.Ordinal), $"{module}: output {output} reads secure parameter {name}");
                }
            }
        }

        Assert.Equal(6, secureCount); // three in main, three in the Key Vault module
    }

    [Fact]
    public void The_key_vault_module_outputs_secret_uris_never_values()
    {
        var (_, vault) = template.Templates().Single(t => t.Module == "keyvault");
        var outputs = vault["outputs"]!.AsObject();
        Assert.Equal(6, outputs.Count);
        foreach (var (name, output) in outputs)
        {
            // The vault's name, id and URI, or a secret's URI: nothing else may leave the module.
            var value = (string)output!["value"]!;
            var allowed = value == "[parameters('name')]"
                || value == "[resourceId('Microsoft.KeyVault/vaults', parameters('name'))]"
                || (value.StartsWith("[reference(resourceId('Microsoft.KeyVault/vaults', parameters('name')), ", StringComparison.Ordinal) && value.EndsWith(").vaultUri]", StringComparison.Ordinal))
                || (value.StartsWith("[reference(resourceId('Microsoft.KeyVault/vaults/secrets', ", StringComparison.Ordinal) && value.EndsWith(").secretUri]", StringComparison.Ordinal));
            Assert.True(allowed, $"keyvault output {name} = {value}");
        }
    }

    [Fact]
    public void The_parameters_file_maps_secrets_to_azd_environment_variables_only()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "infra", "main.parameters.json")))!["parameters"]!.AsObject();
        Assert.Equal("${TESSERA_API_KEY}", (string)file["tesseraApiKey"]!["value"]!);
        Assert.Equal("${APCA_API_KEY_ID}", (string)file["alpacaKeyId"]!["value"]!);
        Assert.Equal("${APCA_API_SECRET_KEY}", (string)file["alpacaSecretKey"]!["value"]!);
        var declared = template.Main["parameters"]!.AsObject();
        foreach (var (name, _) in file)
        {
            Assert.True(declared.ContainsKey(name), $"main.parameters.json sets {name}, which main.bicep does not declare");
        }

        foreach (var (name, p) in declared)
        {
            Assert.True(p!["defaultValue"] is not null || file.ContainsKey(name), $"required parameter {name} is missing from main.parameters.json");
        }
    }

    [Fact]
    public void Outputs_give_azd_the_registry_and_the_services()
    {
        var outputs = template.Main["outputs"]!.AsObject();
        foreach (var name in new[] { "AZURE_CONTAINER_REGISTRY_ENDPOINT", "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_KEY_VAULT_ENDPOINT", "TESSERA_KEYVAULT_URI", "SERVICE_FUNCTIONS_NAME", "SERVICE_STREAM_NAME" })
        {
            Assert.True(outputs.ContainsKey(name), name);
        }
    }
}
