using Tessera.Alpaca.Configuration;
using Tessera.Exchange;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;
using Tessera.Local.Cli;
using Tessera.Orchestrations.Application.Schedules;
using Tessera.Orchestrations.Trading;
using Tessera.Storage;
using Tessera.Trading.Configuration;
using Tessera.Trading.Desk;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary>
/// <c>tessera trade sep</c> as a user drives it, on the local exchange's scan-demo market at 10:35 New York (minute bars
/// 10:29-10:34 are complete, so a window of look 4 has its 5 candles): a dry run decides and audits and sends nothing; a
/// tick sends its orders once; a second run in the same minute replays the tick and sends nothing twice; a bad sep:
/// section exits 2 naming the field.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SepTradeCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _localDir = Directory.CreateTempSubdirectory("tessera-sep-").FullName;
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

    private string Config(string sep)
    {
        var path = Path.Combine(_localDir, "trading-sep.yaml");
        File.WriteAllText(path, "profiles:\n  canary:\n    policy: {per_order_usd: 100000, daily_usd: 1000000}\n" + sep);
        return path;
    }

    private static async Task<ExchangeHost> StartExchangeAsync() => await ExchangeHost.StartAsync(new ExchangeOptions
    {
        Tape = ScanDemoMarket.Tape(),
        ClockMode = ClockMode.Manual,
        Start = ScanDemoMarket.ScanTime.AddMinutes(5),
        RateLimitPerMinute = 0,
        KeyId = BrokerSelection.DefaultExchangeKeyId,
        SecretKey = BrokerSelection.DefaultExchangeSecret,
        Venue = new VenueOptions { Costs = CostModel.Free, AccountId = Guid.NewGuid() },
        PersistInterval = TimeSpan.FromMilliseconds(50),
    });

    [Fact]
    public async Task A_dry_run_sends_nothing_a_tick_sends_once_and_a_rerun_of_the_minute_replays()
    {
        await using var exchange = await StartExchangeAsync();
        var config = Config("sep:\n  instruments: [AAA, CCC]\n  k: 2\n  look: 4\n");

        var dry = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await dry.RunAsync("trade", "sep", "--dry-run"));
        Assert.True(dry.Out.Contains("2 order(s) decided, 2 approved, 0 submitted (dry run)", StringComparison.Ordinal), dry.Out);
        Assert.Equal(0, exchange.Venue.Read(v => v.Orders.Count));

        var tick = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await tick.RunAsync("trade", "sep"));
        Assert.True(tick.Out.Contains("evaluated: 2 order(s) decided, 2 approved, 2 submitted", StringComparison.Ordinal), tick.Out);
        Assert.Contains("budget 30000.00", tick.Out, StringComparison.Ordinal); // min(100,000, 200,000) x 0.30
        Assert.Equal(2, exchange.Venue.Read(v => v.Orders.Count));

        var again = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await again.RunAsync("trade", "sep"));
        Assert.True(again.Out.Contains("replayed", StringComparison.Ordinal), again.Out);
        Assert.Equal(2, exchange.Venue.Read(v => v.Orders.Count));

        var show = Cli(exchange, config);
        Assert.Equal(ExitCodes.Ok, await show.RunAsync("audit", "show", "--date", "2024-03-13", "--limit", "100"));
        Assert.Contains("sep_tick", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_sep_section_exits_2_naming_the_field()
    {
        await using var exchange = await StartExchangeAsync();
        var cli = Cli(exchange, Config("sep:\n  instruments: [AAA]\n  k: 2\n"));
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("trade", "sep"));
        Assert.Contains("sep.k", cli.Error, StringComparison.Ordinal);
        Assert.Equal(0, exchange.Venue.Read(v => v.Orders.Count));
    }

    /// <summary>
    /// The minute timer both hosts run (<c>SepTick</c> through <see cref="TradingJobs"/>, what <c>serve --trade</c>'s
    /// scheduler and the Functions twin call): nothing without trading on, nothing with <c>sep.enabled: false</c>, nothing
    /// outside the regular session, one tick otherwise.
    /// </summary>
    [Fact]
    public async Task The_SepTick_timer_ticks_only_when_trading_and_the_desk_are_enabled_and_the_session_is_open()
    {
        await using var exchange = await StartExchangeAsync();
        Assert.Contains("trading is disabled", await TradingJobs.RunAsync(ScheduledJobs.SepTickName, null, null!, CancellationToken.None), StringComparison.Ordinal);

        var off = await TradingJobs.RunAsync(ScheduledJobs.SepTickName, Commands(exchange, "sep:\n  instruments: [AAA, CCC]\n  k: 2\n  look: 4\n"), null!, CancellationToken.None);
        Assert.Contains("not enabled", off, StringComparison.Ordinal);
        Assert.Equal(0, exchange.Venue.Read(v => v.Orders.Count));

        var on = Commands(exchange, "sep:\n  enabled: true\n  instruments: [AAA, CCC]\n  k: 2\n  look: 4\n");
        var line = await TradingJobs.RunAsync(ScheduledJobs.SepTickName, on, null!, CancellationToken.None);
        Assert.True(line.Contains("evaluated: 2 order(s) decided, 2 approved, 2 submitted", StringComparison.Ordinal), line);
        Assert.Equal(2, exchange.Venue.Read(v => v.Orders.Count));

        await exchange.AdvanceToAsync(Tessera.Core.Markets.UsEastern.At(ScanDemoMarket.ScanDay, new TimeOnly(17, 30))); // after the close
        Assert.Contains("no SEP tick due", await TradingJobs.RunAsync(ScheduledJobs.SepTickName, on, null!, CancellationToken.None), StringComparison.Ordinal);
        Assert.Equal(2, exchange.Venue.Read(v => v.Orders.Count));
    }

    private TradingCommands Commands(ExchangeHost exchange, string sep)
    {
        var config = TradingConfigurationLoader.Load("profiles:\n  canary:\n    policy: {per_order_usd: 100000, daily_usd: 1000000}\n" + sep, "timer.yaml");
        var client = new AlpacaClientOptions
        {
            Endpoints = AlpacaEndpoints.Local(exchange.BaseAddress),
            Credentials = new AlpacaCredentials(BrokerSelection.DefaultExchangeKeyId, BrokerSelection.DefaultExchangeSecret),
            RequestsPerMinute = 0,
            RequestTimeout = TimeSpan.FromSeconds(10),
            ReconcileDelay = TimeSpan.FromMilliseconds(10),
        };
        var storage = StorageAccount.FromConnectionString(azurite.ConnectionString);
        var parts = new TradingDeskParts(config, config.DefaultProfileName, new Tessera.Alpaca.Broker.AlpacaBroker(client), new Tessera.Alpaca.Rest.AlpacaMarketDataClient(client), storage.Blobs, storage.Tables, new Discard(), TimeProvider.System);
        return new TradingCommands(new TradingServices(ct => TradingDesk.OpenAsync(parts, ct)), TimeProvider.System);
    }

    private sealed class Discard : Tessera.Trading.Events.ITradingEventPublisher
    {
        public void Publish(Tessera.Trading.Events.TradingEvent tradingEvent)
        {
        }
    }
}
