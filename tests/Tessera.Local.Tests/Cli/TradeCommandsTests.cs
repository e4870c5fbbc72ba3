using Tessera.Alpaca.Configuration;
using Tessera.Exchange;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;
using Tessera.Local.Cli;
using Tessera.Testing;
using Tessera.Exchange.Market;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary>
/// The order path through the CLI, as a user drives it: the local exchange (in-process, on the scan market of the
/// shared test support), the embedded durable runtime on Azurite, and `tessera trade preflight`, `trade scan` (the
/// durable orchestration), `audit verify`, `halt`, `trade status`, `resume`, `trade reconcile`.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TradeCommandsTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _localDir = Directory.CreateTempSubdirectory("tessera-trade-").FullName;
    private readonly string _taskHub = TestTaskHub.New();

    public void Dispose() => Directory.Delete(_localDir, recursive: true);

    private TestCli Cli(ExchangeHost exchange, string config) => new(new Dictionary<string, string?>
    {
        ["TESSERA_LOCAL_DIR"] = _localDir,
        ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
        ["TESSERA_TASK_HUB"] = _taskHub,
        ["TESSERA_DURABLE_TUNING"] = "tests",
        ["TESSERA_BROKER"] = "local",
        ["TESSERA_EXCHANGE_URL"] = exchange.BaseAddress.ToString(),
        ["TESSERA_TRADING_CONFIG"] = config,
    });

    private static async Task<ExchangeHost> StartExchangeAsync() => await ExchangeHost.StartAsync(new ExchangeOptions
    {
        Tape = ScanDemoMarket.Tape(),
        ClockMode = ClockMode.Manual,
        Start = ScanDemoMarket.ScanTime,
        RateLimitPerMinute = 0,
        KeyId = BrokerSelection.DefaultExchangeKeyId,
        SecretKey = BrokerSelection.DefaultExchangeSecret,
        Venue = new VenueOptions { Costs = CostModel.Free, AccountId = Guid.NewGuid() },
        PersistInterval = TimeSpan.FromMilliseconds(50),
    });

    /// <summary>The demo configuration: seed defaults and the demo market's universe.</summary>
    private static string Config() => Path.Combine(RepositoryPaths.Root(), "config", "trading-demo.yaml");

    [Fact]
    public async Task Preflight_scan_audit_halt_resume_and_reconcile_from_the_command_line()
    {
        await using var exchange = await StartExchangeAsync();
        var config = Config();

        var preflight = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await preflight.RunAsync("trade", "preflight"));
        Assert.Contains("preflight passed", preflight.Out, StringComparison.Ordinal);
        Assert.Contains("broker_account_probe", preflight.Out, StringComparison.Ordinal);

        var scan = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await scan.RunAsync("trade", "scan", "--slot", "cli-scan-1"));
        Assert.Contains("1 approved, 1 vetoed, 1 deferred", scan.Out, StringComparison.Ordinal);
        Assert.Contains("budget_below_one_share: 1", scan.Out, StringComparison.Ordinal);
        Assert.Contains("spread_too_wide: 1", scan.Out, StringComparison.Ordinal);
        Assert.Contains("FILLED", scan.Out, StringComparison.Ordinal);

        // The same slot again: reported, not re-run (one order at the exchange).
        var again = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await again.RunAsync("trade", "scan", "--slot", "cli-scan-1"));
        Assert.Contains("already ran", again.Out, StringComparison.Ordinal);
        Assert.Equal(1, exchange.Venue.Read(v => v.Orders.Count));

        var verify = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await verify.RunAsync("audit", "verify"));
        Assert.Contains("audit ledger verified: 1 chain(s)", verify.Out, StringComparison.Ordinal);

        var halt = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await halt.RunAsync("halt", "--reason", "end-to-end test"));
        // The halt's P1 alert reached the local channels before the command exited (alerts.file_sink_path, data folder).
        var alerts = await File.ReadAllTextAsync(Path.Combine(_localDir, "logs", "alerts.jsonl"));
        Assert.Contains("MANUAL_HALT", alerts, StringComparison.Ordinal);
        Assert.Contains("MANUAL_HALT", await File.ReadAllTextAsync(Path.Combine(_localDir, "events.jsonl")), StringComparison.Ordinal);

        var status = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await status.RunAsync("trade", "status"));
        Assert.Contains("STOPPED", status.Out, StringComparison.Ordinal);
        Assert.Contains("end-to-end test", status.Out, StringComparison.Ordinal);
        Assert.Contains("none in force", status.Out, StringComparison.Ordinal); // the kill-switch actions row
        var resume = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await resume.RunAsync("resume", "--reason", "done"));

        var reconcile = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await reconcile.RunAsync("trade", "reconcile"));
        Assert.Contains("0 difference(s)", reconcile.Out, StringComparison.Ordinal);

        // Rebalance toward new targets: sell the AAA share, buy ~$49 of CCC; the dry run decides and audits, sends nothing.
        var dry = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await dry.RunAsync("trade", "rebalance", "--weights", "AAA=0,CCC=0.0005", "--dry-run"));
        Assert.Contains("2 order(s) decided, 0 submitted (dry run)", dry.Out, StringComparison.Ordinal);
        Assert.Equal(1, exchange.Venue.Read(v => v.Orders.Count));
        var rebalance = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await rebalance.RunAsync("trade", "rebalance", "--weights", "AAA=0,CCC=0.0005"));
        Assert.True(rebalance.Out.Contains("2 order(s) decided, 2 submitted", StringComparison.Ordinal), rebalance.Out);
        Assert.Equal(3, exchange.Venue.Read(v => v.Orders.Count));

        var show = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await show.RunAsync("audit", "show", "--date", "2024-03-13", "--limit", "100"));
        Assert.Contains("scan_summary", show.Out, StringComparison.Ordinal);
        Assert.Contains("resume", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_switch_actions_are_listed_and_a_clear_needs_an_action_in_force_a_known_name_and_a_reason()
    {
        await using var exchange = await StartExchangeAsync();
        var config = Config(); // config/kill_switch.yaml sits beside it: the matrix and its actions are on this host

        var list = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await list.RunAsync("trade", "kill-switch"));
        Assert.Contains("in force", list.Out, StringComparison.Ordinal);

        var nothing = Cli(exchange, config);
        Assert.Equal(ExitCodes.Failed, await nothing.RunAsync("trade", "kill-switch", "clear", "halt_adds", "--reason", "feed is back"));
        Assert.Contains("not in force", nothing.Error, StringComparison.Ordinal);

        var unknown = Cli(exchange, config);
        Assert.Equal(ExitCodes.BadInput, await unknown.RunAsync("trade", "kill-switch", "clear", "explode", "--reason", "x"));
        Assert.Contains("action", unknown.Error, StringComparison.Ordinal);

        var blank = Cli(exchange, config);
        Assert.Equal(ExitCodes.BadInput, await blank.RunAsync("trade", "kill-switch", "clear", "halt_adds", "--reason", " "));
        Assert.Contains("reason", blank.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_exits_2_and_an_unreachable_exchange_exits_3()
    {
        await using var exchange = await StartExchangeAsync();
        var config = Config();
        var badDate = Cli(exchange, config);
        Assert.Equal(ExitCodes.BadInput, await badDate.RunAsync("audit", "verify", "--date", "13/03/2024"));
        Assert.Contains("--date", badDate.Error, StringComparison.Ordinal);

        var badSlot = Cli(exchange, config);
        Assert.Equal(ExitCodes.BadInput, await badSlot.RunAsync("trade", "scan", "--slot", "../x"));

        var badWeights = Cli(exchange, config);
        Assert.Equal(ExitCodes.BadInput, await badWeights.RunAsync("trade", "rebalance", "--weights", "AAA=lots"));
        Assert.Contains("--weights", badWeights.Error, StringComparison.Ordinal);

        var noReason = Cli(exchange, config);
        Assert.Equal(ExitCodes.BadInput, await noReason.RunAsync("halt", "--reason", " "));

        var badConfig = Path.Combine(_localDir, "bad.yaml");
        File.WriteAllText(badConfig, "profiles:\n  canary:\n    policy:\n      per_order_usd: -5\n");
        var bad = Cli(exchange, badConfig);
        Assert.Equal(ExitCodes.BadInput, await bad.RunAsync("trade", "status"));
        Assert.Contains("per_order_usd", bad.Error, StringComparison.Ordinal);

        // Alpaca paper without keys: the preflight names the failed check and calls no broker.
        var noKeys = new TestCli(new Dictionary<string, string?>
        {
            ["TESSERA_LOCAL_DIR"] = _localDir,
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_BROKER"] = "alpaca-paper",
            ["TESSERA_TRADING_CONFIG"] = config,
        });
        Assert.Equal(ExitCodes.BadInput, await noKeys.RunAsync("trade", "preflight"));
        Assert.Matches(@"api_keys_present\s+│\s+FAILED", noKeys.Out);

        var port = Tessera.Storage.Local.LoopbackPort.Free();
        var down = new TestCli(new Dictionary<string, string?>
        {
            ["TESSERA_LOCAL_DIR"] = _localDir,
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_EXCHANGE_URL"] = $"http://127.0.0.1:{port}/",
            ["TESSERA_TRADING_CONFIG"] = config,
        });
        Assert.Equal(ExitCodes.Unavailable, await down.RunAsync("trade", "status"));
        Assert.Contains("cannot reach the broker", down.Error, StringComparison.Ordinal);
    }
}
