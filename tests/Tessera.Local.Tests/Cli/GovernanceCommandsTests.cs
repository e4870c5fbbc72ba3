using Tessera.Local.Cli;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary>
/// tessera promote, tessera runs (the run index table), tessera runs index, tessera report index and tessera audit
/// verify --chain governance on a real run over Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GovernanceCommandsTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _localDir = Directory.CreateTempSubdirectory("tessera-gov-cli-").FullName;
    private readonly string _taskHub = Tessera.Testing.TestTaskHub.New();

    public void Dispose() => Directory.Delete(_localDir, recursive: true);

    private TestCli Cli() => new(new Dictionary<string, string?>
    {
        ["TESSERA_LOCAL_DIR"] = _localDir,
        ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
        ["TESSERA_TASK_HUB"] = _taskHub,
        ["TESSERA_DURABLE_TUNING"] = "tests",
        ["USER"] = "tester",
    });

    [Fact]
    public async Task Promote_refuses_an_illegal_move_records_an_allowed_one_and_the_index_and_the_chain_show_it()
    {
        Assert.Equal(ExitCodes.Ok, await Cli().RunAsync("run", "--profile", "compact", "--run-id", "gov-cli-1"));

        var illegal = Cli();
        Assert.Equal(ExitCodes.Failed, await illegal.RunAsync("promote", "gov-cli-1", "--to", "promoted", "--reason", "skip canary"));
        Assert.Contains("not a move governance allows", illegal.Error, StringComparison.Ordinal);

        var noReason = Cli();
        Assert.Equal(ExitCodes.BadInput, await noReason.RunAsync("promote", "gov-cli-1", "--to", "canary"));
        var badState = Cli();
        Assert.Equal(ExitCodes.BadInput, await badState.RunAsync("promote", "gov-cli-1", "--to", "heaven", "--reason", "x"));
        Assert.Contains("sandbox, canary, promoted, frozen, retired", badState.Error, StringComparison.Ordinal);

        var ok = Cli();
        Assert.Equal(ExitCodes.Ok, await ok.RunAsync("promote", "gov-cli-1", "--to", "canary", "--reason", "cli canary"));
        Assert.Contains("gov-cli-1: sandbox -> canary", ok.Out, StringComparison.Ordinal);

        var early = Cli();
        Assert.Equal(ExitCodes.Failed, await early.RunAsync("promote", "gov-cli-1", "--to", "promoted", "--reason", "too early"));
        Assert.Contains("missing canary_days", early.Error, StringComparison.Ordinal);

        var list = Cli();
        Assert.Equal(ExitCodes.Ok, await list.RunAsync("runs", "--page-size", "50"));
        Assert.Contains("gov-cli-1", list.Out, StringComparison.Ordinal);
        Assert.Contains("canary", list.Out, StringComparison.Ordinal);

        var outDir = Path.Combine(_localDir, "index-out");
        var index = Cli();
        Assert.True(await index.RunAsync("runs", "index", "--out", outDir) == ExitCodes.Ok, index.Out + index.Error);
        var md = await File.ReadAllTextAsync(Path.Combine(outDir, "INDEX.md"));
        Assert.Contains("| gov-cli-1 | compact | Completed | canary (cli canary) |", md, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "index.html")));

        var report = Cli();
        var reportDir = Path.Combine(_localDir, "report-out");
        Assert.Equal(ExitCodes.Ok, await report.RunAsync("report", "index", "--out", reportDir));
        Assert.Equal(md, await File.ReadAllTextAsync(Path.Combine(reportDir, "INDEX.md")));

        var verify = Cli();
        Assert.Equal(ExitCodes.Ok, await verify.RunAsync("audit", "verify", "--chain", "governance"));
        Assert.Contains("governance chain verified", verify.Out, StringComparison.Ordinal);
        var badChain = Cli();
        Assert.Equal(ExitCodes.BadInput, await badChain.RunAsync("audit", "verify", "--chain", "nope"));
    }
}
