using System.Text.RegularExpressions;
using Tessera.Core.Secrets;
using Tessera.Storage.Configuration.Secrets;
using Tessera.Testing;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Tessera.Infra.Tests;

/// <summary>The operational files around infra/: .env.example, .gitignore, the Makefile targets the seeds name, the CI workflow.</summary>
public sealed partial class OperationsFilesTests
{
    private static readonly string Root = RepositoryPaths.Root();

    [Fact]
    public void Env_example_lists_every_secret_with_a_comment_and_no_value()
    {
        var path = Path.Combine(Root, ".env.example");
        var values = DotEnvFile.Load(path);
        var lines = File.ReadAllLines(path);
        foreach (var secret in TesseraSecrets.All)
        {
            Assert.True(values.TryGetValue(secret.Variable, out var value), secret.Variable + " is missing from .env.example");
            Assert.Equal(string.Empty, value);
            // A comment above the key or above the group of keys it belongs to (the two Alpaca keys share one).
            var above = Array.FindIndex(lines, l => l.StartsWith(secret.Variable + "=", StringComparison.Ordinal)) - 1;
            while (above >= 0 && lines[above].Contains('=', StringComparison.Ordinal) && !lines[above].StartsWith('#'))
            {
                above--;
            }

            Assert.True(above >= 0 && lines[above].StartsWith('#'), secret.Variable + " needs a comment above it");
        }

        Assert.All(values, kv => Assert.Equal(string.Empty, kv.Value));
        Assert.True(values.ContainsKey(TesseraSecrets.KeyVaultUriVariable));
    }

    [Fact]
    public void Gitignore_keeps_dotenv_files_out_and_the_example_in()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, ".gitignore")).Select(l => l.Trim()).ToArray();
        Assert.Contains(".env", lines);
        Assert.Contains("!.env.example", lines);
    }

    [Fact]
    public void The_makefile_has_every_target_the_seeds_name()
    {
        var targets = MakeTarget().Matches(File.ReadAllText(Path.Combine(Root, "Makefile"))).Select(m => m.Groups["target"].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var target in new[] { "run", "test", "serve", "audit", "halt", "config-check", "backtest", "lint", "deps-audit" })
        {
            Assert.Contains(target, targets);
        }
    }

    [Fact]
    public void The_ci_workflow_builds_tests_with_azurite_compiles_bicep_and_publishes_both_services()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Root, ".github", "workflows", "ci.yml")))
        {
            yaml.Load(reader);
        }

        var jobs = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"];
        var runs = jobs.Children.Values.Cast<YamlMappingNode>()
            .SelectMany(j => ((YamlSequenceNode)j["steps"]).Children.Cast<YamlMappingNode>())
            .Where(s => s.Children.ContainsKey("run"))
            .Select(s => ((YamlScalarNode)s["run"]).Value!)
            .ToArray();
        Assert.Contains(runs, r => r.StartsWith("npm ci", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.StartsWith("dotnet build FunctionApp.sln", StringComparison.Ordinal));
        Assert.Contains("make test", runs);
        Assert.Contains(runs, r => r.StartsWith("make bicep", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.StartsWith("make publish", StringComparison.Ordinal));
        Assert.Contains("make deps-audit", runs);

        // make publish publishes both services.
        var makefile = File.ReadAllText(Path.Combine(Root, "Makefile"));
        Assert.Contains("dotnet publish functions/Tessera.Functions", makefile, StringComparison.Ordinal);
        Assert.Contains("dotnet publish stream/Tessera.Stream", makefile, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(?<target>[a-z][a-z-]*):", RegexOptions.Multiline | RegexOptions.ExplicitCapture)]
    private static partial Regex MakeTarget();
}
