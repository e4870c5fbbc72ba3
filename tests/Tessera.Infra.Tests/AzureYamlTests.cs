using Tessera.Testing;
using YamlDotNet.RepresentationModel;
using Xunit;

namespace Tessera.Infra.Tests;

/// <summary>azure.yaml names both services, each with a project that exists, and the stream's Dockerfile.</summary>
public sealed class AzureYamlTests
{
    [Fact]
    public void Both_services_exist_with_their_hosts_and_paths()
    {
        var root = RepositoryPaths.Root();
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(root, "azure.yaml")))
        {
            yaml.Load(reader);
        }

        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        Assert.Equal(["functions", "stream"], services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order(StringComparer.Ordinal));
        var functions = (YamlMappingNode)services["functions"];
        Assert.Equal("function", ((YamlScalarNode)functions["host"]).Value);
        Assert.True(Directory.Exists(Path.Combine(root, ((YamlScalarNode)functions["project"]).Value!)));
        var stream = (YamlMappingNode)services["stream"];
        Assert.Equal("containerapp", ((YamlScalarNode)stream["host"]).Value);
        var project = Path.Combine(root, ((YamlScalarNode)stream["project"]).Value!);
        Assert.True(Directory.Exists(project));
        var docker = (YamlMappingNode)stream["docker"];
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(project, ((YamlScalarNode)docker["path"]).Value!))));
        Assert.Equal(root.TrimEnd('/'), Path.GetFullPath(Path.Combine(project, ((YamlScalarNode)docker["context"]).Value!)).TrimEnd('/'));
    }
}
