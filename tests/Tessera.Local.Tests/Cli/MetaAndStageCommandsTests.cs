using System.Text.Json;
using Tessera.Local.Cli;
using Tessera.Orchestrations.Meta;
using Tessera.Orchestrations.Stages;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary><c>tessera meta</c> and <c>tessera stage</c>: bad input exits 2 before anything runs; a meta runs end to end and a stage re-runs on its artifacts.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MetaAndStageCommandsTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _localDir = Directory.CreateTempSubdirectory("tessera-meta-cli-").FullName;
    private readonly string _taskHub = Tessera.Testing.TestTaskHub.New();

    public void Dispose() => Directory.Delete(_localDir, recursive: true);

    private TestCli Cli() => new(new Dictionary<string, string?>
    {
        ["TESSERA_LOCAL_DIR"] = _localDir,
        ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
        ["TESSERA_TASK_HUB"] = _taskHub,
        ["TESSERA_DURABLE_TUNING"] = "tests",
    });

    [Fact]
    public async Task Meta_list_and_check_show_the_shipped_metas_and_bad_names_exit_2()
    {
        var list = Cli();
        Assert.Equal(ExitCodes.Ok, await list.RunAsync("meta", "list"));
        Assert.Contains("us_long_short", list.Out, StringComparison.Ordinal);
        Assert.Contains("us_core_hedged", list.Out, StringComparison.Ordinal);
        var check = Cli();
        Assert.Equal(ExitCodes.Ok, await check.RunAsync("meta", "check", "us_core_hedged"));
        Assert.Contains("short_rsi2 SHORT profile us_short_rsi2", check.Out, StringComparison.Ordinal);
        Assert.Contains("valid", check.Out, StringComparison.Ordinal);
        var unknown = Cli();
        Assert.Equal(ExitCodes.BadInput, await unknown.RunAsync("meta", "run", "no_such_meta"));
        Assert.Contains("unknown meta profile", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stage_list_and_schema_cover_every_stage_and_bad_stages_or_inputs_exit_2()
    {
        var list = Cli();
        Assert.Equal(ExitCodes.Ok, await list.RunAsync("stage", "list"));
        Assert.All(StageTable.All, s => Assert.Contains(s.Name, list.Out, StringComparison.Ordinal));
        var schema = Cli();
        Assert.Equal(ExitCodes.Ok, await schema.RunAsync("stage", "schema", MetaSteps.Aggregate));
        var json = JsonDocument.Parse(schema.Out).RootElement;
        Assert.Equal(["meta_run_id", "streams"], json.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(ExitCodes.BadInput, await Cli().RunAsync("stage", "schema", "NoSuchStage"));
        var missing = Cli();
        Assert.Equal(ExitCodes.BadInput, await missing.RunAsync("stage", "run", MetaSteps.Aggregate, "--input", Path.Combine(_localDir, "absent.json")));
        Assert.Contains("file not found", missing.Error, StringComparison.Ordinal);
        var bad = Path.Combine(_localDir, "bad.json");
        await File.WriteAllTextAsync(bad, """{"meta_run_id": "m", "streams": [], "surprise": 1}""");
        var refused = Cli();
        Assert.Equal(ExitCodes.BadInput, await refused.RunAsync("stage", "run", MetaSteps.Aggregate, "--input", bad));
        Assert.Contains("does not match the input schema of stage MetaAggregate", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meta_run_completes_with_the_hedge_ratio_and_a_stage_reruns_on_its_artifacts()
    {
        var run = Cli();
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("meta", "run", "us_long_short", "--run-id", "cli-meta"));
        Assert.Contains("hedge ratio", run.Out, StringComparison.Ordinal);
        Assert.Contains("cli-meta-short_rsi2", run.Out, StringComparison.Ordinal);
        Assert.Contains("8/8 meta report", run.Out, StringComparison.Ordinal);
        foreach (var file in new[] { "report.html", "report.md", "manifest.json", "audit.jsonl", "weights.csv" })
        {
            Assert.True(File.Exists(Path.Combine(_localDir, "runs", "cli-meta", file)), file);
        }

        // The sign test stage re-run from a file on the run's own stream artifacts gives the recorded result again.
        var manifest = JsonSerializer.Deserialize<MetaManifest>(await File.ReadAllBytesAsync(Path.Combine(_localDir, "runs", "cli-meta", "manifest.json")), Tessera.Orchestrations.Artifacts.ArtifactJson.Options)!;
        var streams = manifest.Artifacts.Where(a => a.Path.StartsWith("sleeves/", StringComparison.Ordinal)).ToList();
        var input = Path.Combine(_localDir, "sign.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(new SleeveStreamsInput("cli-meta", streams), Tessera.Orchestrations.Artifacts.ArtifactJson.Options));
        var stage = Cli();
        Assert.Equal(ExitCodes.Ok, await stage.RunAsync("stage", "run", MetaSteps.SignTestPre, "--input", input));
        var output = JsonSerializer.Deserialize<GateOutput>(stage.Out, Tessera.Orchestrations.Artifacts.ArtifactJson.Options)!;
        Assert.True(output.Passed);
        Assert.Equal(manifest.Artifacts.Single(a => a.Path == "directional_sign_test_pre_opt.json"), output.Artifact);
    }
}
