using System.Net;
using System.Text;
using System.Text.Json;
using Tessera.Alpaca.Configuration;
using Tessera.Exchange;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;
using Tessera.Local.Hosting;
using Tessera.Local.Http;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Profiles;
using Tessera.Testing;
using Tessera.Trading.Safety;
using Tessera.Exchange.Market;
using Xunit;

namespace Tessera.Local.Tests.Http;

/// <summary>The trading routes of the local host against the in-process local exchange: halt, resume (SOP-02's 409), status, ledger, scan, and bad requests.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TradingApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Key = "trading-test-key";
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-trading-http-").FullName;
    private ExchangeHost? _exchange;
    private LocalStorage? _storage;
    private LocalRuntime? _runtime;
    private LocalHttpHost? _host;
    private HttpClient? _http;

    private HttpClient Http => _http!;

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
        var config = Path.Combine(RepositoryPaths.Root(), "config", "trading-demo.yaml");
        var env = new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_TASK_HUB"] = TestTaskHub.New(),
            ["TESSERA_LOCAL_DIR"] = _dir,
            ["TESSERA_DURABLE_TUNING"] = "tests",
            ["TESSERA_EXCHANGE_URL"] = _exchange.BaseAddress.ToString(),
            ["TESSERA_TRADING_CONFIG"] = config,
        };
        var cli = new TestCli(env);
        _storage = await LocalStorage.OpenAsync(cli.Context, null, CancellationToken.None);
        _runtime = await LocalRuntime.StartAsync(_storage, ProfileCatalog.Locate(), DurableSettings.From(cli.Context), CancellationToken.None, cli.Context.Env);
        _host = await LocalHttpHost.StartAsync(_runtime, Key, 0, CancellationToken.None);
        _http = new HttpClient { BaseAddress = _host.BoundAddress };
        _http.DefaultRequestHeaders.Add(ApiRoutes.ApiKeyHeader, Key);
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }

        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }

        if (_exchange is not null)
        {
            await _exchange.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body) => Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Halt_status_resume_scan_and_ledger_over_http()
    {
        var halt = await PostAsync("api/trading/halt", """{"reason":"http test","actor":"ops"}""");
        Assert.Equal(HttpStatusCode.OK, halt.StatusCode);
        Assert.True((await JsonAsync(halt)).GetProperty("halted").GetBoolean());

        var status = await JsonAsync(await Http.GetAsync("api/trading/status"));
        Assert.True(status.GetProperty("switches").GetProperty("kill_switch").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("api/trading/resume", """{"reason":"done"}""")).StatusCode);

        var scan = await PostAsync("api/trading/scan", """{"slot":"http-scan-1"}""");
        Assert.Equal(HttpStatusCode.Accepted, scan.StatusCode);
        var instance = (await JsonAsync(scan)).GetProperty("instance_id").GetString()!;
        var done = await _runtime!.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("api/trading/scan", """{"slot":"http-scan-1"}""")).StatusCode); // ran once

        var ledger = await JsonAsync(await Http.GetAsync("api/trading/ledger?date=2024-03-13&limit=500"));
        Assert.True(ledger.GetProperty("verified")[0].GetProperty("valid").GetBoolean());
        var kinds = ledger.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("kind").GetString()).ToList();
        Assert.Equal("halt", kinds[0]);
        Assert.Contains("scan_summary", kinds);

        var orders = await JsonAsync(await Http.GetAsync("api/trading/orders"));
        Assert.Equal(1, orders.GetProperty("orders").GetArrayLength());
    }

    [Fact]
    public async Task A_same_day_resume_after_the_circuit_breaker_is_409_without_an_approval()
    {
        var desk = await _runtime!.Trading.Services.OpenDeskAsync();
        await desk.Switches.HaltAsync(desk.AccountId, new HaltRequest(HaltSource.CircuitBreaker, "drawdown 3.1%", "circuit-breaker", ScanDemoMarket.ScanTime));
        var refused = await PostAsync("api/trading/resume", """{"reason":"fine"}""");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("SOP-02", (await JsonAsync(refused)).GetProperty("rule").GetString(), StringComparison.Ordinal);
        var approved = await PostAsync("api/trading/resume", """{"reason":"reviewed","approver":"lead","approval_reason":"gap understood"}""");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
    }

    [Theory]
    [InlineData("api/trading/halt", """{"actor":"ops"}""", "reason")]
    [InlineData("api/trading/halt", """{"reason":"x","flatten":"yes"}""", "flatten")]
    [InlineData("api/trading/halt", """{"reason":"x","force":true}""", "force")]
    [InlineData("api/trading/halt", """{"reason":"\ud800"}""", "reason")]
    [InlineData("api/trading/halt", """[1,2]""", "body")]
    [InlineData("api/trading/resume", """{"reason":"ok","approver":7}""", "approver")]
    [InlineData("api/trading/scan", """{"slot":"../../etc"}""", "slot")]
    [InlineData("api/trading/kill-switch/clear", """{"action":"explode","reason":"x"}""", "action")]
    [InlineData("api/trading/kill-switch/clear", """{"action":"halt_adds"}""", "reason")]
    [InlineData("api/trading/kill-switch/clear", """{"action":"halt_adds","reason":"x","force":true}""", "force")]
    public async Task Bad_bodies_are_400_naming_the_field(string path, string body, string field)
    {
        var response = await PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Invalid_utf8_oversized_bodies_and_missing_keys_are_refused()
    {
        var invalid = new ByteArrayContent([(byte)'{', (byte)'"', (byte)'r', (byte)'e', (byte)'a', (byte)'s', (byte)'o', (byte)'n', (byte)'"', (byte)':', (byte)'"', 0xff, (byte)'"', (byte)'}']);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.PostAsync("api/trading/halt", invalid)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync("api/trading/halt", "{\"reason\":\"" + new string('x', 5000) + "\"}")).StatusCode);
        using var bare = new HttpClient { BaseAddress = Http.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.PostAsync("api/trading/halt", new StringContent("""{"reason":"x"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.GetAsync("api/trading/ledger")).StatusCode);
        var desk = await _runtime!.Trading.Services.OpenDeskAsync();
        Assert.False((await desk.Switches.GetAsync(desk.AccountId)).Stopped); // nothing was halted by any refused request
    }

    [Fact]
    public async Task The_equity_curve_route_answers_the_polled_points_and_refuses_a_bad_range_naming_days()
    {
        await _runtime!.Trading.Runtime!.Commands.EquityPollAsync(CancellationToken.None);
        var curve = await JsonAsync(await Http.GetAsync("api/trading/equity?days=2"));
        Assert.Equal(2, curve.GetProperty("days").GetInt32());
        Assert.Equal(60, curve.GetProperty("resolution_seconds").GetInt32());
        var point = Assert.Single(curve.GetProperty("points").EnumerateArray());
        Assert.Equal(100_000m, point.GetProperty("equity").GetDecimal());
        Assert.Equal("2024-03-13", Assert.Single(curve.GetProperty("openings").EnumerateArray()).GetProperty("day").GetString());

        foreach (var bad in new[] { "days=0", "days=32", "days=abc", "days=1&days=2" })
        {
            var response = await Http.GetAsync("api/trading/equity?" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("days", (await JsonAsync(response)).GetProperty("field").GetString());
        }

        using var bare = new HttpClient { BaseAddress = Http.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.GetAsync("api/trading/equity")).StatusCode);
    }

    [Fact]
    public async Task A_kill_switch_action_in_force_is_listed_and_cleared_over_http_with_its_reason_audited()
    {
        var desk = await _runtime!.Trading.Services.OpenDeskAsync();
        Assert.NotNull(desk.EquityPoll.KillSwitch?.Enforcer); // config/kill_switch.yaml sits beside the trading configuration
        var nothing = await PostAsync("api/trading/kill-switch/clear", """{"action":"halt_adds","reason":"nothing to clear"}""");
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);
        Assert.Equal("halt_adds", (await JsonAsync(nothing)).GetProperty("action").GetString());

        // An action in force as a firing leaves it (the firing itself is the desk tests' subject).
        await desk.KillSwitchActions.ActivateAsync(new KillSwitchActionRecord(desk.AccountId, Tessera.Core.Governance.KillSwitchActionKind.HaltAdds, true, "data_outage", "KS_TEST_1", DateTimeOffset.UtcNow, "no market data for 20 min", "hash"));
        var listed = (await JsonAsync(await Http.GetAsync("api/trading/kill-switch"))).GetProperty("actions");
        Assert.True(Assert.Single(listed.EnumerateArray()).GetProperty("active").GetBoolean());

        var cleared = await PostAsync("api/trading/kill-switch/clear", """{"action":"halt_adds","reason":"feed back since 10:20","actor":"ops"}""");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var body = await JsonAsync(cleared);
        Assert.Equal("governance.kill_switch_clear", body.GetProperty("block").GetProperty("kind").GetString());
        var row = Assert.Single((await JsonAsync(await Http.GetAsync("api/trading/kill-switch"))).GetProperty("actions").EnumerateArray());
        Assert.False(row.GetProperty("active").GetBoolean());
        Assert.Equal("ops", row.GetProperty("cleared_by").GetString());
        Assert.Equal("feed back since 10:20", row.GetProperty("clear_reason").GetString());
        Assert.False((await desk.KillSwitchActions.ActiveAsync(desk.AccountId)).HaltAdds);
    }
}
