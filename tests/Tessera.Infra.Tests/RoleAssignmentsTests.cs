using System.Text.RegularExpressions;
using Tessera.Infra.Tests.Bicep;
using Xunit;

namespace Tessera.Infra.Tests;

/// <summary>Every role assignment names a built-in role by its id and is scoped to the one resource it opens.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class RoleAssignmentsTests(CompiledTemplate template)
{
    [Fact]
    public void The_identity_holds_exactly_the_six_roles_each_on_its_resource()
    {
        var assignments = template.OfType("Microsoft.Authorization/roleAssignments").ToArray();
        var identity = assignments.Where(a => (string)a.Properties!["principalId"]! == "[parameters('identityPrincipalId')]").ToArray();
        var byRole = identity.ToDictionary(a => RoleId(a), a => (string)a.Json["scope"]!, StringComparer.Ordinal);
        Assert.Equal(InfraExpectations.Roles.Keys.Order(StringComparer.Ordinal), byRole.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Microsoft.Storage/storageAccounts", byRole["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"], StringComparison.Ordinal);
        Assert.Contains("Microsoft.Storage/storageAccounts", byRole["974c5e8b-45b9-4653-ba55-5f855dd0fb88"], StringComparison.Ordinal);
        Assert.Contains("Microsoft.Storage/storageAccounts", byRole["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"], StringComparison.Ordinal);
        Assert.Contains("Microsoft.KeyVault/vaults", byRole["4633458b-17de-408a-b874-0445c86b69e6"], StringComparison.Ordinal);
        Assert.Contains("Microsoft.ContainerRegistry/registries", byRole["7f951dda-4ed3-4680-a7ca-43fe172d538d"], StringComparison.Ordinal);
        Assert.Contains("Microsoft.Insights/components", byRole["3913510d-42f4-4e42-8a64-420c390055eb"], StringComparison.Ordinal);
        Assert.All(identity, a => Assert.Equal("ServicePrincipal", (string)a.Properties!["principalType"]!));
    }

    [Fact]
    public void The_deploying_user_may_only_read_secrets_and_only_when_named()
    {
        var user = template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => (string)a.Properties!["principalId"]! == "[parameters('userPrincipalId')]")
            .Single();
        Assert.Equal("4633458b-17de-408a-b874-0445c86b69e6", RoleId(user));
        Assert.Equal("[parameters('userPrincipalType')]", (string)user.Properties!["principalType"]!);
        Assert.Equal("User", (string)user.Template["parameters"]!["userPrincipalType"]!["defaultValue"]!);
        Assert.Equal("[not(empty(parameters('userPrincipalId')))]", (string)user.Json["condition"]!);
    }

    [Fact]
    public void Assignment_names_are_deterministic_guids_of_scope_principal_and_role()
    {
        foreach (var a in template.OfType("Microsoft.Authorization/roleAssignments"))
        {
            Assert.StartsWith("[guid(", (string)a.Json["name"]!, StringComparison.Ordinal);
        }
    }

    /// <summary>Resolves subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('roles').X) to its GUID.</summary>
    private static string RoleId(DeclaredResource assignment)
    {
        var expression = (string)assignment.Properties!["roleDefinitionId"]!;
        Assert.Contains("subscriptionResourceId('Microsoft.Authorization/roleDefinitions'", expression, StringComparison.Ordinal);
        var name = RoleVariable().Match(expression).Groups[1].Value;
        return (string)assignment.Variable("roles")![name]!;
    }

    [GeneratedRegex(@"variables\('roles'\)\.(\w+)")]
    private static partial Regex RoleVariable();
}
