using System.Net;
using System.Text;
using System.Text.Json;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Determinism;
using Tessera.Local.Hosting;
using Tessera.Local.Http;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Backtests;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Lakehouse;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Http;

/// <summary>POST /api/backtests on the local HTTP host over a real Azurite: a run to completion, and the requests it refuses.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BacktestsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Key = "test-key-0123456789";
    private LocalStorage? _storage;
    private LocalRuntime? _runtime;
    private LocalHttpHost? _host;
    private HttpClient? _http;
    private Dictionary<string, string?>? _env;

    private HttpClient Http => _http!;

    public async Task InitializeAsync()
    {
        _env = new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_TASK_HUB"] = TestTaskHub.New(),
            ["TESSERA_LOCAL_DIR"] = Directory.CreateTempSubdirectory("tessera-bt-http-").FullName,
            ["TESSERA_DURABLE_TUNING"] = "tests",
        };
        var cli = new TestCli(_env);
        _storage = await LocalStorage.OpenAsync(cli.Context, null, CancellationToken.None);
        _runtime = await LocalRuntime.StartAsync(_storage, ProfileCatalog.Locate(), DurableSettings.From(cli.Context), CancellationToken.None);
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
    }

    private Task<HttpResponseMessage> PostAsync(string body) =>
        Http.PostAsync("api/backtests", new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"empty body with HTTP {(int)response.StatusCode}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_backtest_run_completes_with_artifacts_that_verify_against_its_manifest_and_match_the_cli()
    {
        var response = await PostAsync("""{"kind":"backtest","strategy":"connors-rsi2","universe":{"profile":"compact"},"run_id":"bt-http-1"}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var statusUrl = response.Headers.Location!;
        Assert.Equal("/api/backtests/bt-http-1", statusUrl.AbsolutePath);
        Assert.Equal("bt-http-1", (await JsonAsync(response)).GetProperty("id").GetString());

        JsonElement view;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        do
        {
            await Task.Delay(200);
            view = await JsonAsync(await Http.GetAsync(statusUrl));
        }
        while (view.GetProperty("status").GetString() is "Pending" or "Running" && DateTime.UtcNow < deadline);

        Assert.Equal("Completed", view.GetProperty("status").GetString());
        Assert.Equal(BacktestSteps.Orchestrator, view.GetProperty("workflow").GetString());
        var output = view.GetProperty("output");
        Assert.Equal("manifest.json", output.GetProperty("manifest").GetProperty("path").GetString());
        Assert.Equal(64, output.GetProperty("headline").GetProperty("order_list_sha256").GetString()!.Length);

        // The manifest in Blob lists every artifact; each one's bytes hash to what the manifest recorded.
        var artifacts = _runtime!.Artifacts;
        var manifestBytes = await artifacts.ReadAsync("bt-http-1", "manifest.json");
        Assert.Equal(output.GetProperty("manifest").GetProperty("sha256").GetString(), Sha256Hex.Of(manifestBytes));
        var manifest = JsonSerializer.Deserialize<BacktestManifest>(manifestBytes, ArtifactJson.Options)!;
        Assert.Equal("backtest", manifest.Kind);
        Assert.Equal("universe compact (synthetic, seed 7)", manifest.Source);
        Assert.Equal(["equity.csv", "index.html", "summary.json", "tearsheet.html", "trades.csv"], manifest.Artifacts.Select(a => a.Path).Order(StringComparer.Ordinal));
        foreach (var a in manifest.Artifacts)
        {
            var bytes = await artifacts.ReadAsync("bt-http-1", a.Path);
            Assert.Equal(a.Sha256, Sha256Hex.Of(bytes));
            Assert.Equal(a.Length, bytes.Length);
        }

        Assert.Equal(
            ["equity.csv", "index.html", "manifest.json", "summary.json", "tearsheet.html", "trades.csv"],
            (await artifacts.ListAsync("bt-http-1")).Order(StringComparer.Ordinal));

        // The same job at the terminal (tessera backtest --universe compact) writes the same bytes: one implementation.
        var outDir = Path.Combine(_env!["TESSERA_LOCAL_DIR"]!, "cli-bt");
        var cli = new TestCli(_env);
        Assert.Equal(0, await cli.RunAsync("backtest", "--strategy", "connors-rsi2", "--universe", "compact", "--out", outDir));
        foreach (var name in new[] { "summary.json", "trades.csv", "equity.csv", "tearsheet.html", "index.html" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(outDir, name)), await artifacts.ReadAsync("bt-http-1", name));
        }

        // A run id names one run forever.
        var again = await PostAsync("""{"kind":"backtest","strategy":"connors-rsi2","universe":{"profile":"compact"},"run_id":"bt-http-1"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_walkforward_on_a_pinned_lakehouse_version_reads_that_version_not_a_later_one()
    {
        var lake = _runtime!.Lakehouse;
        await lake.InitializeAsync();
        var first = await lake.ImportAsync(new LakehouseImportRequest(SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(6, 340, 11)).Bars, "bt-v1"));
        var second = await lake.ImportAsync(new LakehouseImportRequest(SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(6, 340, 12)).Bars, "bt-v2"));
        Assert.True(second.Version > first.Version);

        var response = await PostAsync($$"""{"kind":"walkforward","strategy":"ibs,connors-rsi2","universe":{"lakehouse_version":{{first.Version}}},"run_id":"bt-http-wf"}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var view = await _runtime.Backtests.WaitAsync("bt-http-wf");
        Assert.True(view.Status == "Completed", view.Failure);

        var manifest = JsonSerializer.Deserialize<BacktestManifest>(await _runtime.Artifacts.ReadAsync("bt-http-wf", "manifest.json"), ArtifactJson.Options)!;
        Assert.Equal(first.Version, manifest.LakehouseSnapshot!.Version);
        Assert.Equal($"lakehouse version {first.Version}", manifest.Source);
        // Each split of each strategy has its own folder of trades, equity, summary (the number of splits depends on
        // the bars of the pinned version, which other tests in this class may have extended: read it from the headline).
        var splits = int.Parse(view.Output!.Headline["splits"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(splits >= 1);
        List<string> expected = ["index.html", "walkforward.csv", "walkforward.html", "walkforward.json"];
        foreach (var strategy in new[] { "connors-rsi2", "ibs" })
        {
            for (var k = 0; k < splits; k++)
            {
                expected.AddRange(new[] { "equity.csv", "summary.json", "trades.csv" }.Select(f => $"splits/{strategy}/split-{k:000}/{f}"));
            }
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), manifest.Artifacts.Select(a => a.Path).Order(StringComparer.Ordinal));
        foreach (var a in manifest.Artifacts)
        {
            Assert.Equal(a.Sha256, Sha256Hex.Of(await _runtime.Artifacts.ReadAsync("bt-http-wf", a.Path)));
        }

        var json = Encoding.UTF8.GetString(await _runtime.Artifacts.ReadAsync("bt-http-wf", "walkforward.json"));
        Assert.Contains("connors-rsi2", json, StringComparison.Ordinal);
        Assert.Contains("ibs", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kind":"backtest","strategy":"connors-rsi2","universe":{"profile":"/data/bars.csv"}}""", "universe.profile")]
    [InlineData("""{"kind":"backtest","strategy":"connors-rsi2","universe":{"path":"bars"}}""", "universe.path")]
    [InlineData("""{"kind":"backtest","strategy":"connors-rsi2","csv":"bars.csv","universe":{"profile":"compact"}}""", "csv")]
    [InlineData("""{"kind":"backtest","strategy":"connors-rsi2","universe":{"profile":"no-such-profile"}}""", "profile")]
    [InlineData("""{"kind":"backtest","strategy":"connors-rsi2","universe":{"lakehouse_version":99}}""", "universe.lakehouse_version")]
    [InlineData("""{"kind":"backtest","strategy":"connors-rsi2","universe":{"profile":"compact"},"run_id":"Bad Id"}""", "run_id")]
    [InlineData("""{"kind":"simulate","strategy":"connors-rsi2","universe":{"profile":"compact"}}""", "kind")]
    [InlineData("""{"kind":"backtest","strategy":"connors-rsi2","universe":{"profile":"compact"},"extra":1}""", "extra")]
    public async Task Bad_requests_are_400_naming_the_field(string body, string field)
    {
        var response = await PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_unknown_strategy_is_refused_before_anything_starts_and_unknown_ids_are_404()
    {
        var response = await PostAsync("""{"kind":"backtest","strategy":"no-such-strategy","universe":{"profile":"compact"},"run_id":"bt-never"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("api/backtests/bt-never")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("api/backtests/a.b")).StatusCode);
        using var bare = new HttpClient { BaseAddress = Http.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.PostAsync("api/backtests", new StringContent("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.GetAsync("api/backtests/bt-never")).StatusCode);
    }
}
