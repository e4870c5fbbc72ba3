using Tessera.Infra.Tests.Bicep;
using Tessera.Testing;
using Xunit;

namespace Tessera.Infra.Tests;

/// <summary>`bicep build` and `bicep lint` of infra/ report nothing: no error, no warning, no info (infra/bicepconfig.json raises the security rules to errors).</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class BicepDiagnosticsTests(CompiledTemplate template)
{
    [Fact]
    public void Build_of_main_bicep_succeeds_without_a_diagnostic()
    {
        Assert.Equal(0, template.Build.ExitCode);
        Assert.Empty(template.Build.Diagnostics);
        Assert.StartsWith("{", template.Build.Stdout.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_of_every_bicep_file_reports_nothing()
    {
        var root = RepositoryPaths.Root();
        var files = Directory.GetFiles(Path.Combine(root, "infra"), "*.bicep", SearchOption.AllDirectories);
        Assert.True(files.Length >= 10, "main.bicep and its modules: found " + files.Length);
        // One compiler run over every file (--pattern): a diagnostic in any module shows here.
        var lint = BicepCli.Run(root, "lint", "--pattern", "infra/**/*.bicep");
        Assert.True(lint.ExitCode == 0 && lint.Diagnostics.Count == 0 && lint.Stdout.Trim().Length == 0,
            $"bicep lint: exit {lint.ExitCode}\n{lint.Stdout}\n{lint.Stderr}");
    }

    [Fact]
    public void The_compiler_reports_a_broken_template_so_a_clean_run_means_something()
    {
        var dir = Directory.CreateTempSubdirectory("tessera-bicep-");
        try
        {
            var file = Path.Combine(dir.FullName, "broken.bicep");
            File.WriteAllText(file, "param unused string\nresource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'x'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: { name: 'Standard_LRS' }\n  properties: { notAProperty: true }\n}\n");
            var lint = BicepCli.Run(dir.FullName, "lint", "--pattern", "*.bicep");
            Assert.Contains(lint.Diagnostics, d => d.Contains("BCP037", StringComparison.Ordinal));
            Assert.Contains(lint.Diagnostics, d => d.Contains("no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
