using Microsoft.Playwright;
using Spectre.Console;
using Tessera.Alpaca.Configuration;
using Tessera.Exchange;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;
using Tessera.Local.Cli;
using Tessera.Local.Hosting;
using Tessera.Local.Http;
using Tessera.Orchestrations.Profiles;
using Xunit;
using Xunit.Abstractions;

namespace Tessera.Dashboard.Tests;

/// <summary>
/// The dashboard as a user meets it: the real local host (embedded durable runtime on Azurite, the order path on an
/// in-process local exchange) and Debian's chromium. Log in, start a run, watch it complete, open its report and its
/// orchestration history, promote it to canary, halt and resume trading, verify the ledger, see the stream page; a screenshot of each page.
/// </summary>
public sealed class DashboardJourneyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Key = "dashboard-test-key-0123456789";
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-dashboard-").FullName;
    private AzuriteFixture? _azurite;
    private ExchangeHost? _exchange;
    private LocalStorage? _storage;
    private LocalRuntime? _runtime;
    private LocalHttpHost? _host;

    public async Task InitializeAsync()
    {
        if (Browser.ExecutablePath is null)
        {
            return; // the fact is skipped; nothing to start
        }

        _azurite = new AzuriteFixture();
        await _azurite.InitializeAsync();
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
        var context = new CliContext(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), TextWriter.Null, new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = _azurite.ConnectionString,
            ["TESSERA_TASK_HUB"] = TestTaskHub.New(),
            ["TESSERA_LOCAL_DIR"] = _dir,
            ["TESSERA_DURABLE_TUNING"] = "tests",
            ["TESSERA_EXCHANGE_URL"] = _exchange.BaseAddress.ToString(),
            ["TESSERA_TRADING_CONFIG"] = Path.Combine(RepositoryPaths.Root(), "config", "trading-demo.yaml"),
        });
        _storage = await LocalStorage.OpenAsync(context, null, CancellationToken.None);
        _runtime = await LocalRuntime.StartAsync(_storage, ProfileCatalog.Locate(), DurableSettings.From(context), CancellationToken.None, context.Env);
        _host = await LocalHttpHost.StartAsync(_runtime, Key, 0, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
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

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(Browser.ScreenshotFolder(), name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine("screenshot: " + path);
    }

    [BrowserFact]
    public async Task Log_in_run_report_history_halt_resume_ledger_and_stream()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var pw = playwright;
        await using var b = browser;
        var page = await browser.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                consoleErrors.Add(m.Text);
            }
        };

        // The root leads to the dashboard, which asks for the key first; a wrong key is refused.
        await page.GotoAsync(_host!.BoundAddress.ToString());
        Assert.EndsWith("/dashboard/#login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#api-key", "wrong-key");
        await page.ClickAsync("#login-form button");
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("refused");
        await ShotAsync(page, "01-login");
        await page.FillAsync("#api-key", Key);
        await page.ClickAsync("#login-form button");
        await page.WaitForSelectorAsync("#start-run");
        Assert.DoesNotContain(Key, page.Url, StringComparison.Ordinal);

        // Start a run and watch it complete (the page polls while it runs).
        await page.FillAsync("#start-profile", "compact");
        await page.FillAsync("#start-run-id", "dash-run-1");
        await page.ClickAsync("#start-run button");
        await page.WaitForURLAsync("**/dashboard/#run/dash-run-1");
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("Completed", new LocatorAssertionsToHaveTextOptions { Timeout = 240_000 });

        // The per-step timeline from the run's sealed forensic trace: one trace id, a row per span.
        await Assertions.Expect(page.Locator("#trace-id")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{32}$"));
        Assert.True(await page.Locator("#trace-timeline .row").CountAsync() > 5);
        await Assertions.Expect(page.Locator("#trace-timeline")).ToContainTextAsync("step LifeCycle");
        await Assertions.Expect(page.Locator("#timeline .row")).Not.ToHaveCountAsync(0);
        await ShotAsync(page, "02-run");

        // Its report in a sandboxed frame, and the orchestration's history.
        await page.ClickAsync("#open-report");
        var report = page.FrameLocator("#report-frame");
        await Assertions.Expect(report.Locator("body")).ToContainTextAsync("dash-run-1");
        await page.ClickAsync("#open-history");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("TaskScheduled");
        await ShotAsync(page, "03-report-and-history");

        // Promote it to canary with a reason (the evidence gate passes: coverage and walk-forward are in its audit trail).
        await page.SelectOptionAsync("#promote-to", "canary");
        await page.FillAsync("#promote-reason", "dashboard test promotion");
        await page.ClickAsync("#promote button");
        await Assertions.Expect(page.Locator("#promote-result")).ToHaveTextAsync("now canary");

        // The runs list shows it.
        await page.ClickAsync("nav a[data-page=runs]");
        await Assertions.Expect(page.Locator("#runs-list")).ToContainTextAsync("dash-run-1");
        await ShotAsync(page, "04-runs");

        // Two equity polls two market minutes apart record two points of the curve; the trading page draws them.
        foreach (var minutes in new[] { 0, 2 })
        {
            await _exchange!.AdvanceToAsync(ScanDemoMarket.ScanTime.AddMinutes(minutes));
            var poll = await _runtime!.Trading.Runtime!.Commands.EquityPollAsync(CancellationToken.None);
            Assert.NotEqual(Tessera.Trading.Safety.EquityPollStatus.MarketClosed, poll.Status);
        }

        // Halt and resume trading, each with a reason.
        await page.ClickAsync("nav a[data-page=trading]");
        await Assertions.Expect(page.Locator("#trading-state")).ToHaveTextAsync("running");
        await Assertions.Expect(page.Locator("#kill-switch-actions")).ToHaveTextAsync("none in force");
        await Assertions.Expect(page.Locator("#equity-chart polyline")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("2 (one a minute, last 5 days)");
        await page.FillAsync("#switch-reason", "dashboard test halt");
        await page.ClickAsync("#halt");
        await Assertions.Expect(page.Locator("#trading-state")).ToContainTextAsync("STOPPED");
        await ShotAsync(page, "05-trading-halted");
        await page.FillAsync("#switch-reason", "dashboard test resume");
        await page.ClickAsync("#resume");
        await Assertions.Expect(page.Locator("#trading-state")).ToHaveTextAsync("running");
        await ShotAsync(page, "06-trading");

        // The ledger holds the halt and the resume, and its chain verifies.
        await page.ClickAsync("nav a[data-page=ledger]");
        await page.ClickAsync("#verify");
        await Assertions.Expect(page.Locator("#verification")).ToContainTextAsync("chain verified");
        await Assertions.Expect(page.Locator("#ledger-out table")).ToContainTextAsync("halt");
        await ShotAsync(page, "07-ledger");

        // No stream service ran on this storage: the page says so rather than showing nothing.
        await page.ClickAsync("nav a[data-page=stream]");
        await Assertions.Expect(page.Locator("#stream-none")).ToBeVisibleAsync();
        await ShotAsync(page, "08-stream");

        // The key never reached the URL or local storage.
        Assert.DoesNotContain(Key, page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.True(consoleErrors.Count == 0 || consoleErrors.TrueForAll(e => e.Contains("401", StringComparison.Ordinal)), string.Join("\n", consoleErrors));
    }
}
