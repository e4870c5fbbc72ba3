using Azure.Data.Tables;
using Tessera.Alpaca.Configuration;
using Tessera.Exchange;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;
using Tessera.Local.Cli;
using Tessera.Testing;
using Tessera.Trading.Safety;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary>
/// <c>tessera serve --trade</c> runs the stream service in its own process (the embedded default trades with the
/// heartbeat, safety mode and virtual stops, as the Container App does in Azure); <c>--no-stream</c> leaves it out.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ServeTradeCommandTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-serve-trade-").FullName;
    private readonly string _taskHub = TestTaskHub.New();
    private ExchangeHost? _exchange;

    public async Task InitializeAsync()
    {
        _exchange = await ExchangeHost.StartAsync(new ExchangeOptions
        {
            Tape = ScanDemoMarket.Tape(),
            ClockMode = ClockMode.Manual,
            Start = ScanDemoMarket.ScanTime,
            RateLimitPerMinute = 0,
            KeyId = BrokerSelection.DefaultExchangeKeyId,
            SecretKey = BrokerSelection.DefaultExchangeSecret,
            Venue = new VenueOptions { Costs = CostModel.Free, AccountId = Guid.NewGuid() },
        });
    }

    public async Task DisposeAsync()
    {
        if (_exchange is not null)
        {
            await _exchange.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private TestCli Cli() => new(new Dictionary<string, string?>
    {
        ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
        ["TESSERA_TASK_HUB"] = _taskHub,
        ["TESSERA_LOCAL_DIR"] = _dir,
        ["TESSERA_DURABLE_TUNING"] = "tests",
        ["TESSERA_API_KEY"] = "serve-trade-test-key",
        ["TESSERA_EXCHANGE_URL"] = _exchange!.BaseAddress.ToString(),
        ["TESSERA_TRADING_CONFIG"] = Path.Combine(RepositoryPaths.Root(), "config", "trading-demo.yaml"),
    });

    [Fact]
    public async Task Serve_trade_runs_the_stream_service_which_writes_its_status_for_trade_status()
    {
        var table = new TableClient(azurite.ConnectionString, StreamStatusRow.TableName);
        var serve = Cli();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var running = serve.RunUntilAsync(stop.Token, "serve", "--trade", "--port", "0");

        // The stream service writes its status row every 5 s once it has reconciled with the broker and connected.
        StreamStatusRow? row = null;
        while (row is null && !running.IsCompleted && !stop.IsCancellationRequested)
        {
            await Task.Delay(250);
            try
            {
                // This test's storage holds one account: the exchange's.
                await foreach (var r in table.QueryAsync<StreamStatusRow>(maxPerPage: 1))
                {
                    row = r;
                    break;
                }
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                // the table is created by the service's reconciliation
            }
        }

        Assert.False(running.IsCompleted, "serve exited early:\n" + serve.Out + serve.Error);
        Assert.NotNull(row);
        Assert.True(row.SubmissionsAllowed, row.ToString());

        var status = Cli();
        Assert.Equal(ExitCodes.Ok, await status.RunAsync("trade", "status"));
        Assert.Contains("stream service", status.Out, StringComparison.Ordinal);
        Assert.Contains("safety Normal", status.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("stale", status.Out, StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Ok, await running);
        Assert.Contains("stream service: ON", serve.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_trade_no_stream_says_the_stream_service_is_off()
    {
        var serve = Cli();
        using var stop = new CancellationTokenSource();
        var running = serve.RunUntilAsync(stop.Token, "serve", "--trade", "--no-stream", "--port", "0");
        // The banner is printed once the host listens; the health route answering means the banner is complete.
        var started = DateTime.UtcNow;
        while (!serve.Out.Contains("Ctrl-C to stop", StringComparison.Ordinal) && !running.IsCompleted && DateTime.UtcNow - started < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Ok, await running);
        Assert.Contains("stream service: off (--no-stream)", serve.Out, StringComparison.Ordinal);
    }
}
