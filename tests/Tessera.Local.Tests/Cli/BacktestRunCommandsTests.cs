using Tessera.Local.Cli;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary><c>tessera backtests start</c> on the embedded runtime over Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BacktestRunCommandsTests(AzuriteFixture azurite)
{
    private TestCli Cli() => new(new Dictionary<string, string?>
    {
        ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
        ["TESSERA_TASK_HUB"] = TestTaskHub.New(),
        ["TESSERA_LOCAL_DIR"] = Directory.CreateTempSubdirectory("tessera-bt-cli-").FullName,
        ["TESSERA_DURABLE_TUNING"] = "tests",
    });

    [Fact]
    public async Task A_validation_run_exits_0_and_prints_its_id_status_and_artifact_locations()
    {
        var cli = Cli();
        var code = await cli.RunAsync("backtests", "start", "--kind", "validate", "--strategy", "connors-rsi2", "--grid", "MaxHoldBars=3|5", "--universe", "compact", "--run-id", "bt-cli-1");
        Assert.True(code == ExitCodes.Ok, cli.Out + cli.Error);
        Assert.Contains("bt-cli-1", cli.Out, StringComparison.Ordinal);
        Assert.Contains("Completed", cli.Out, StringComparison.Ordinal);
        Assert.Contains("runs/bt-cli-1/validation.json", cli.Out, StringComparison.Ordinal);
        Assert.Contains("runs/bt-cli-1/manifest.json", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_path_as_universe_is_refused_with_exit_2()
    {
        var cli = Cli();
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("backtests", "start", "--kind", "backtest", "--strategy", "connors-rsi2", "--universe", "/tmp/bars.csv"));
        Assert.Contains("universe.profile", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backtest_run_with_the_kobe81_preset_completes_and_a_preset_on_walkforward_is_refused()
    {
        var cli = Cli();
        var code = await cli.RunAsync("backtests", "start", "--kind", "backtest", "--strategy", "ibs", "--preset", "kobe81", "--universe", "compact", "--run-id", "bt-cli-k81");
        Assert.True(code == ExitCodes.Ok, cli.Out + cli.Error);
        Assert.Contains("Completed", cli.Out, StringComparison.Ordinal);
        Assert.Contains("runs/bt-cli-k81/manifest.json", cli.Out, StringComparison.Ordinal);

        var refused = Cli();
        Assert.Equal(ExitCodes.BadInput, await refused.RunAsync("backtests", "start", "--kind", "walkforward", "--strategy", "ibs", "--preset", "kobe81", "--universe", "compact"));
        Assert.Contains("preset", refused.Error, StringComparison.Ordinal);
    }
}
