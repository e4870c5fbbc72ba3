using System.Diagnostics;
using Tessera.Testing;
using Xunit;

namespace Tessera.Stream.Tests;

/// <summary>
/// stream/Dockerfile, checked without a container engine: parsed into instructions (continuations joined), the stages
/// and their rules asserted, every COPY source found in the repository, azure.yaml pointing at it, and the publish
/// command of the build stage run for real so the image's entry point exists.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string Root = RepositoryPaths.Root();

    private static List<(string Op, string Args)> Instructions()
    {
        var text = File.ReadAllText(Path.Combine(Root, "stream", "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        var list = new List<(string, string)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            list.Add((line[..space].ToUpperInvariant(), line[(space + 1)..].Trim()));
        }

        return list;
    }

    private static List<List<(string Op, string Args)>> Stages()
    {
        var stages = new List<List<(string, string)>>();
        foreach (var i in Instructions())
        {
            if (i.Op == "FROM")
            {
                stages.Add([]);
            }

            Assert.NotEmpty(stages); // nothing before the first FROM
            stages[^1].Add(i);
        }

        return stages;
    }

    [Fact]
    public void It_is_multi_stage_sdk_to_publish_and_the_aspnet_runtime_to_run()
    {
        var stages = Stages();
        Assert.Equal(2, stages.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0 ", stages[0][0].Args, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0 ", stages[1][0].Args, StringComparison.Ordinal);
        Assert.Contains(stages[0], i => i.Op == "RUN" && i.Args.Contains("dotnet publish stream/Tessera.Stream/Tessera.Stream.csproj", StringComparison.Ordinal) && i.Args.Contains("-o /app", StringComparison.Ordinal));
        Assert.Contains(stages[1], i => i.Op == "COPY" && i.Args.StartsWith("--from=build /app", StringComparison.Ordinal));
        Assert.DoesNotContain(stages[1], i => i.Op == "RUN" && i.Args.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Equal("[\"dotnet\", \"Tessera.Stream.dll\"]", stages[1].Last(i => i.Op == "ENTRYPOINT").Args);
    }

    [Fact]
    public void The_runtime_runs_as_a_non_root_user_with_time_zone_data()
    {
        var runtime = Stages()[1];
        var user = runtime.Last(i => i.Op == "USER").Args;
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        var userIndex = runtime.FindLastIndex(i => i.Op == "USER");
        Assert.True(userIndex > runtime.FindLastIndex(i => i.Op is "RUN" or "COPY"), "USER must come after every RUN and COPY of the runtime stage");
        Assert.Contains(runtime, i => i.Op == "RUN" && i.Args.Contains("install", StringComparison.Ordinal) && i.Args.Contains("tzdata", StringComparison.Ordinal));
        Assert.Contains(runtime, i => i.Op == "EXPOSE" && i.Args == "8080");
    }

    [Fact]
    public void Every_copied_path_exists_in_the_repository_and_azure_yaml_points_at_the_dockerfile()
    {
        foreach (var (op, args) in Instructions())
        {
            if (op != "COPY" || args.StartsWith("--from", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[..^1])
            {
                var path = Path.Combine(Root, source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), "COPY source missing: " + source);
            }
        }

        var yaml = File.ReadAllText(Path.Combine(Root, "azure.yaml"));
        var stream = yaml[yaml.IndexOf("\n  stream:", StringComparison.Ordinal)..];
        Assert.Contains("project: ./stream/Tessera.Stream", stream, StringComparison.Ordinal);
        Assert.Contains("host: containerapp", stream, StringComparison.Ordinal);
        Assert.Contains("path: ../Dockerfile", stream, StringComparison.Ordinal);
        Assert.Contains("context: ../..", stream, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Root, "stream", "Tessera.Stream", "..", "Dockerfile"))));
    }

    [Fact]
    public async Task The_build_stages_publish_produces_the_entry_point()
    {
        var output = Path.Combine(Path.GetTempPath(), "tessera-stream-publish-" + Guid.NewGuid().ToString("N"));
        try
        {
            var start = new ProcessStartInfo("dotnet", ["publish", "stream/Tessera.Stream/Tessera.Stream.csproj", "-c", "Release", "-o", output, "--nologo", "-v", "q"])
            {
                WorkingDirectory = Root,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "dotnet publish failed: " + await stdout + await stderr);
            Assert.True(File.Exists(Path.Combine(output, "Tessera.Stream.dll")));
            Assert.True(File.Exists(Path.Combine(output, "Tessera.Stream.runtimeconfig.json")));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
