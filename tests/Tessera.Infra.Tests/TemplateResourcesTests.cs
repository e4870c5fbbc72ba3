using System.Text.Json.Nodes;
using Tessera.Infra.Tests.Bicep;
using Xunit;

namespace Tessera.Infra.Tests;

/// <summary>
/// The compiled ARM template declares what docs/DEPLOY.md promises: identity-only storage, the Flex Consumption
/// Function App on .NET 10 isolated, monitoring without local auth, an RBAC-mode Key Vault referenced from app
/// settings, an admin-less registry and the always-on stream Container App with its probes.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class TemplateResourcesTests(CompiledTemplate template)
{
    [Fact]
    public void Main_targets_the_subscription_and_creates_the_resource_group()
    {
        Assert.Contains("subscriptionDeploymentTemplate", (string)template.Main["$schema"]!, StringComparison.Ordinal);
        var rg = template.Single("Microsoft.Resources/resourceGroups");
        Assert.Equal("main", rg.Module);
        Assert.Contains("azd-env-name", template.Main["variables"]!["tags"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_refuses_shared_keys_and_has_blob_queue_table_and_the_deployment_container()
    {
        var account = template.Single("Microsoft.Storage/storageAccounts");
        Assert.False((bool)account.Properties!["allowSharedKeyAccess"]!);
        Assert.False((bool)account.Properties!["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string)account.Properties!["minimumTlsVersion"]!);
        template.Single("Microsoft.Storage/storageAccounts/blobServices");
        template.Single("Microsoft.Storage/storageAccounts/queueServices");
        template.Single("Microsoft.Storage/storageAccounts/tableServices");
        var container = template.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("None", (string)container.Properties!["publicAccess"]!);
        Assert.Contains("app-package-", template.Main["variables"]!["deploymentContainerName"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_is_flex_consumption()
    {
        var plan = template.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string)plan.Json["sku"]!["name"]!);
        Assert.Equal("FlexConsumption", (string)plan.Json["sku"]!["tier"]!);
        Assert.True((bool)plan.Properties!["reserved"]!);
    }

    [Fact]
    public void The_function_app_runs_dotnet_isolated_10_with_the_user_assigned_identity_and_the_azd_tag()
    {
        var site = template.Single("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", (string)site.Json["kind"]!);
        Assert.Equal("UserAssigned", (string)site.Json["identity"]!["type"]!);
        Assert.Contains("createObject('azd-service-name', 'functions')", (string)site.Json["tags"]!, StringComparison.Ordinal);
        var config = site.Properties!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string)config["runtime"]!["name"]!);
        Assert.Equal("10.0", (string)config["runtime"]!["version"]!);
        Assert.Equal("UserAssignedIdentity", (string)config["deployment"]!["storage"]!["authentication"]!["type"]!);
        Assert.Equal("[parameters('identityId')]", (string)site.Properties!["keyVaultReferenceIdentity"]!);
        Assert.True((bool)site.Properties!["httpsOnly"]!);
    }

    [Fact]
    public void Always_ready_instances_are_configurable_and_default_to_zero()
    {
        var site = template.Single("Microsoft.Web/sites");
        Assert.Equal("[variables('alwaysReady')]", (string)site.Properties!["functionAppConfig"]!["scaleAndConcurrency"]!["alwaysReady"]!);
        var alwaysReady = (string)site.Variable("alwaysReady")!;
        Assert.Contains("'durable'", alwaysReady, StringComparison.Ordinal);
        Assert.Contains("'http'", alwaysReady, StringComparison.Ordinal);
        var parameters = template.Main["parameters"]!;
        Assert.Equal(0, (int)parameters["alwaysReadyDurableInstances"]!["defaultValue"]!);
        Assert.Equal(0, (int)parameters["alwaysReadyHttpInstances"]!["defaultValue"]!);
    }

    [Fact]
    public void App_settings_reach_storage_with_the_identity_and_secrets_through_key_vault_references()
    {
        var settings = template.Single("Microsoft.Web/sites/config");
        Assert.Equal("[format('{0}/{1}', parameters('appName'), 'appsettings')]", (string)settings.Json["name"]!);
        var union = (string)settings.Properties!;
        Assert.Contains("variables('identitySettings')", union, StringComparison.Ordinal);
        Assert.Contains("variables('keyVaultReferences')", union, StringComparison.Ordinal);
        var identity = settings.Variable("identitySettings")!.AsObject();
        Assert.Equal("managedidentity", (string)identity["AzureWebJobsStorage__credential"]!);
        foreach (var key in new[] { "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri" })
        {
            Assert.True(identity.ContainsKey(key), key);
        }

        Assert.False(identity.ContainsKey("AzureWebJobsStorage"), "no connection-string setting");
        Assert.Contains("Authorization=AAD", (string)identity["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]!, StringComparison.Ordinal);
        // Flex refuses these as app settings (AZURE.md).
        foreach (var forbidden in new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_TIME_ZONE" })
        {
            Assert.DoesNotContain(forbidden, template.Build.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("format('@Microsoft.KeyVault(SecretUri={0})'", (string)settings.Variable("keyVaultReferences")!, StringComparison.Ordinal);
        var passed = template.Module("functions")["properties"]!["parameters"]!["keyVaultSecretUris"]!["value"]!.AsObject();
        Assert.Equal(InfraExpectations.DeployedSecrets.Order(StringComparer.Ordinal), passed.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (name, uri) in passed)
        {
            Assert.Contains("outputs.", (string)uri!, StringComparison.Ordinal);
            Assert.Contains("'keyvault'", (string)uri!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Application_insights_refuses_local_auth_and_stores_in_log_analytics()
    {
        var insights = template.Single("Microsoft.Insights/components");
        Assert.True((bool)insights.Properties!["DisableLocalAuth"]!);
        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string)insights.Properties!["WorkspaceResourceId"]!, StringComparison.Ordinal);
        template.Single("Microsoft.OperationalInsights/workspaces");
    }

    [Fact]
    public void Key_vault_is_in_rbac_mode_and_holds_each_secret_under_its_derived_name()
    {
        var vault = template.Single("Microsoft.KeyVault/vaults");
        Assert.True((bool)vault.Properties!["enableRbacAuthorization"]!);
        Assert.Null(vault.Properties!["accessPolicies"]);
        var names = template.OfType("Microsoft.KeyVault/vaults/secrets")
            .Select(s => (string)s.Json["name"]!)
            .Select(n => n.Split(", '", StringSplitOptions.None)[1].TrimEnd(')', ']', '\''))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(InfraExpectations.DeployedSecrets.Select(InfraExpectations.KeyVaultName).Order(StringComparer.Ordinal), names);
        foreach (var secret in template.OfType("Microsoft.KeyVault/vaults/secrets"))
        {
            Assert.StartsWith("[parameters('", (string)secret.Properties!["value"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_registry_has_no_admin_user()
    {
        var registry = template.Single("Microsoft.ContainerRegistry/registries");
        Assert.False((bool)registry.Properties!["adminUserEnabled"]!);
    }

    [Fact]
    public void The_stream_app_keeps_exactly_one_replica_with_identity_pull_key_vault_secrets_and_health_probes()
    {
        var app = template.Single("Microsoft.App/containerApps");
        Assert.Contains("createObject('azd-service-name', 'stream')", (string)app.Json["tags"]!, StringComparison.Ordinal);
        Assert.Equal("UserAssigned", (string)app.Json["identity"]!["type"]!);
        var scale = app.Properties!["template"]!["scale"]!;
        Assert.Equal(1, (int)scale["minReplicas"]!);
        Assert.Equal(1, (int)scale["maxReplicas"]!);
        var registry = app.Properties!["configuration"]!["registries"]!.AsArray().Single()!;
        Assert.Equal("[parameters('identityId')]", (string)registry["identity"]!);
        Assert.Null(registry["passwordSecretRef"]);

        var secrets = app.Variable("copy")!.AsArray().Single(c => (string)c!["name"]! == "secrets")!["input"]!;
        Assert.Contains(".value]", (string)secrets["keyVaultUrl"]!, StringComparison.Ordinal);
        Assert.Equal("[parameters('identityId')]", (string)secrets["identity"]!);
        Assert.Null(secrets["value"]);
        var secretEnvironment = app.Variable("copy")!.AsArray().Single(c => (string)c!["name"]! == "secretEnvironment")!["input"]!;
        Assert.NotNull(secretEnvironment["secretRef"]);
        var passed = template.Module("stream")["properties"]!["parameters"]!["keyVaultSecretUris"]!["value"]!.AsObject();
        Assert.Equal(InfraExpectations.DeployedSecrets.Order(StringComparer.Ordinal), passed.Select(p => p.Key).Order(StringComparer.Ordinal));

        var container = app.Properties!["template"]!["containers"]!.AsArray().Single()!;
        Assert.Equal("[if(variables('hasImage'), variables('probes'), createArray())]", (string)container["probes"]!);
        var probes = app.Variable("probes")!.AsArray();
        Assert.Equal("/health/live", (string)probes.Single(p => (string)p!["type"]! == "Liveness")!["httpGet"]!["path"]!);
        Assert.Equal("/health/ready", (string)probes.Single(p => (string)p!["type"]! == "Readiness")!["httpGet"]!["path"]!);

        var plain = app.Variable("plainSettings")!.ToString();
        Assert.Contains("'AzureWebJobsStorage__tableServiceUri'", plain, StringComparison.Ordinal);
        Assert.Contains("'AZURE_CLIENT_ID'", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionString=", plain, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_container_apps_environment_logs_to_log_analytics()
    {
        var environment = template.Single("Microsoft.App/managedEnvironments");
        Assert.Equal("log-analytics", (string)environment.Properties!["appLogsConfiguration"]!["destination"]!);
    }
}
