using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Tessera.Orchestrations.Application.Dashboard;
using Xunit;
using Xunit.Abstractions;

namespace Tessera.Dashboard.Tests;

/// <summary>
/// Hostile values in every field the dashboard shows (a run id, a profile name, a symbol, a ledger payload, a step
/// name, an error message) are text, never markup: an API that answers with script in every string cannot make the
/// page run it or grow an element from it, on any page. The API here is a stand-in answering fixed hostile JSON in
/// the real routes' shapes; the dashboard files are the real ones, served by the real <see cref="DashboardFiles"/>.
/// </summary>
public sealed class DashboardEscapingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    private WebApplication? _api;
    private Uri? _address;

    public async Task InitializeAsync()
    {
        var port = Tessera.Storage.Local.LoopbackPort.Free();
        _address = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(_address.AbsoluteUri.TrimEnd('/'));
        var app = builder.Build();
        app.MapGet("/dashboard/{*path}", (HttpContext http) => DashboardFiles.ServeAsync(http, http.Request.RouteValues["path"] as string));
        var at = "2024-03-13T14:30:00Z";
        var run = new { run_id = Hostile, workflow = Hostile, status = Hostile, created_at = at, last_updated_at = at, failure = Hostile, progress = new { completed = 1, total = 2, step = Hostile, detail = Hostile }, output = new { profile = Hostile, chosen_optimizer = Hostile, regime = Hostile, manifest_sha256 = Hostile, weights = new[] { new { symbol = Hostile, weight = 0.5 } } }, steps = new[] { new { name = Hostile, status = Hostile, calls = 2, attempts = 2, retries = 0, started_at = at, ended_at = "2024-03-13T14:30:01Z" } } };
        Json(app, "/api/runs", new { runs = new[] { run } });
        Json(app, "/api/runs/{id}", run);
        Json(app, "/api/runs/{id}/history", new { run_id = Hostile, events = new[] { new { event_type = Hostile, event_id = 1, name = Hostile, task_scheduled_id = (int?)null, timestamp = at } } });
        Json(app, "/api/runs/{id}/trace", new { run_id = Hostile, trace_id = Hostile, sealed_at = at, span_count = 1, workers = new[] { Hostile }, spans = new[] { new { trace_id = Hostile, span_id = Hostile, name = Hostile, source = Hostile, kind = Hostile, start = at, duration_ms = 12.5, status = Hostile, worker = Hostile } } });
        app.MapGet("/api/runs/{id}/report", (HttpContext http) =>
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            return http.Response.WriteAsync("<html><body><p>report</p><script>parent.window.__pwned=3</script>" + Hostile + "</body></html>");
        });
        Json(app, "/api/trading/status", new { broker = Hostile, account_id = Hostile, profile = Hostile, config_pin = Hostile, switches = new { kill_switch = true, halted = true, reason = Hostile }, equity = 1, cash = 1, buying_power = 1, market_time = at, market_open = true, opening_equity = (decimal?)null, ledger_blocks_today = 1, kill_switch_actions = new[] { new { action = Hostile, condition = Hostile, fired_at = at } }, stream = new { at, fresh = false, connection = Hostile, lag_ms = 1.0, safety_mode = Hostile, submissions_allowed = false, symbols = 1, stops = 1, messages = 1, reconnects = 1, breaches = 1, stops_fired = 1 } });
        Json(app, "/api/trading/positions", new { positions = new[] { new { symbol = Hostile, side = Hostile, quantity = 1, average_entry_price = 1, market_price = 1, market_value = 1, unrealized_pnl = 1 } } });
        Json(app, "/api/trading/orders", new { orders = new[] { new { created_at = at, client_order_id = Hostile, symbol = Hostile, side = Hostile, quantity = 1, limit_price = 1, state = Hostile } } });
        Json(app, "/api/trading/ledger", new { total_blocks = 1, next_index = 1, verified = new[] { new { day = Hostile, valid = false, first_bad_block = 0, detail = Hostile } }, blocks = new[] { new { index = 0, kind = "decision", at, payload = new { symbol = Hostile }, config_pin = Hostile, trace_id = Hostile, hash = Hostile, previous_hash = Hostile } } });
        Json(app, "/api/trading/equity", new { account_id = Hostile, days = Hostile, as_of = at, resolution_seconds = 60, points = new object[] { new { at, equity = 100.5 }, new { at = Hostile, equity = 101.25 }, new { at, equity = Hostile } }, openings = new[] { new { day = Hostile, equity = 100, captured_late = false } } });
        app.MapPost("/api/runs", () => Results.Json(new { error = Hostile, field = Hostile, rule = Hostile }, statusCode: 400));
        await app.StartAsync();
        _api = app;
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    private static void Json(WebApplication app, string route, object body)
    {
        var json = JsonSerializer.Serialize(body);
        app.MapGet(route, (HttpContext http) =>
        {
            http.Response.ContentType = "application/json";
            return http.Response.WriteAsync(json);
        });
    }

    private static async Task AssertInertAsync(IPage page, string where)
    {
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), where + ": a hostile value ran as script");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('main img, main script').length"));
        Assert.Contains("<img src=x onerror=", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Script_in_a_run_id_a_profile_a_symbol_and_every_other_field_is_shown_as_text_on_every_page()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var pw = playwright;
        await using var b = browser;
        var page = await browser.NewPageAsync();
        var dashboard = new Uri(_address!, "/dashboard/").ToString();
        await page.GotoAsync(dashboard);
        await page.FillAsync("#api-key", "any");
        await page.ClickAsync("#login-form button");
        await page.WaitForSelectorAsync("#start-run");
        await Assertions.Expect(page.Locator("#runs-list")).ToContainTextAsync("<script>");
        await AssertInertAsync(page, "runs");

        // A start refused with a hostile error message: the toast shows it as text.
        await page.FillAsync("#start-profile", Hostile);
        await page.ClickAsync("#start-run button");
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("<script>");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('#toast *').length"));

        await page.GotoAsync(dashboard + "#run/" + Uri.EscapeDataString(Hostile));
        await Assertions.Expect(page.Locator("#run-id")).ToHaveTextAsync(Hostile);
        await page.ClickAsync("#open-report");
        await page.WaitForSelectorAsync("#report-frame");
        await page.ClickAsync("#open-history");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("<script>");
        await page.WaitForTimeoutAsync(300); // give a report script every chance to run before looking
        await AssertInertAsync(page, "run");
        var path = Path.Combine(Browser.ScreenshotFolder(), "hostile-run.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("screenshot: " + path);

        foreach (var (hash, marker) in new[] { ("#trading", "#trading-state"), ("#stream", "#stream-status"), ("#ledger", "#verification") })
        {
            await page.GotoAsync(dashboard + hash);
            await Assertions.Expect(page.Locator(marker)).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("<script>");
            await AssertInertAsync(page, hash);
            if (hash == "#trading")
            {
                // The two finite points are drawn (the non-number equity is dropped); the hostile time is text.
                Assert.Equal(1, await page.Locator("#equity-chart polyline").CountAsync());
                Assert.Equal(2, (await page.Locator("#equity-chart polyline").GetAttributeAsync("points"))!.Split(' ').Length);
            }
        }
    }
}
