using System.Globalization;
using System.Text;
using Tessera.Core.Determinism;
using Tessera.Local.Cli;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary>
/// The research commands through the CLI host (regime fit|show, fundamentals check|audit, sentiment scan): real files
/// in, the research container and the event log out, exit 2 for bad input with nothing persisted. The numbers are
/// pinned by the domain and service tests; these pin the wiring a user reaches.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ResearchCommandsTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-cli-research-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TestCli Cli(string? researchConfig = null) => new(new Dictionary<string, string?>
    {
        ["TESSERA_LOCAL_DIR"] = _dir,
        ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
        ["TESSERA_RESEARCH_CONFIG"] = researchConfig,
    });

    private string EventLog => File.Exists(Path.Combine(_dir, "events.jsonl")) ? File.ReadAllText(Path.Combine(_dir, "events.jsonl")) : string.Empty;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>One symbol's daily bars: 40 crash days, then calm rising days (or a constant close).</summary>
    private string BarsCsv(string name, string symbol, bool constant = false)
    {
        var random = new DeterministicRandom(3);
        var sb = new StringBuilder("symbol,date,open,high,low,close,volume\n");
        var close = 100.0;
        var day = new DateOnly(2020, 1, 1);
        for (var i = 0; i < 400; i++, day = day.AddDays(1))
        {
            if (!constant && i > 0)
            {
                close *= 1 + (i <= 40 ? -0.02 + (0.03 * random.NextNormal()) : 0.001 + (0.005 * random.NextNormal()));
            }

            var c = close.ToString("R", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"{symbol},{day:yyyy-MM-dd},{c},{c},{c},{c},1000\n");
        }

        return Write(name, sb.ToString());
    }

    [Fact]
    public async Task Regime_fit_persists_a_dated_model_show_reads_it_and_a_constant_series_is_exit_2_with_nothing_stored()
    {
        var bars = BarsCsv("hmmcli.csv", "HMMCLI");
        var fit = Cli();
        Assert.Equal(ExitCodes.Ok, await fit.RunAsync("regime", "fit", "--csv", bars, "--symbol", "HMMCLI", "--as-of", "2021-02-01"));
        Assert.Contains("refitted (no model yet)", fit.Out, StringComparison.Ordinal);
        Assert.Contains("hmm_models/HMMCLI/2021-02-01-001.json", fit.Out, StringComparison.Ordinal);

        var again = Cli();
        Assert.Equal(ExitCodes.Ok, await again.RunAsync("regime", "fit", "--csv", bars, "--symbol", "HMMCLI", "--as-of", "2021-02-05"));
        Assert.Contains("is current (age 4 d)", again.Out, StringComparison.Ordinal);

        var show = Cli();
        Assert.Equal(ExitCodes.Ok, await show.RunAsync("regime", "show", "--symbol", "HMMCLI", "--as-of", "2021-02-08"));
        Assert.Contains("fitted 2021-02-01 (age 7 d, refit_days 7: STALE", show.Out, StringComparison.Ordinal);
        Assert.Contains("1 fit(s) stored", show.Out, StringComparison.Ordinal);

        var flat = Cli();
        Assert.Equal(ExitCodes.BadInput, await flat.RunAsync("regime", "fit", "--csv", BarsCsv("flat.csv", "HMMFLAT", constant: true), "--symbol", "HMMFLAT", "--as-of", "2021-02-01"));
        Assert.Contains("constant series", flat.Error, StringComparison.Ordinal);
        var none = Cli();
        Assert.Equal(ExitCodes.Failed, await none.RunAsync("regime", "show", "--symbol", "HMMFLAT"));
        Assert.Contains("no regime model for HMMFLAT", none.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fundamentals_check_writes_rejections_and_events_and_the_audit_escalates_with_known_exclusions_apart()
    {
        var facts = Directory.CreateDirectory(Path.Combine(_dir, "facts")).FullName;
        var valid = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "tests", "Tessera.Local.Tests", "Cli", "companyfacts-sample.json"));
        File.WriteAllText(Path.Combine(facts, "GOOD.json"), valid);
        File.WriteAllText(Path.Combine(facts, "NANCO.json"), valid.Replace("\"val\": 1000000000", "\"val\": \"NaN\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(facts, "HOLDCO.json"), valid.Replace("\"Revenues\"", "\"OtherIncome\"", StringComparison.Ordinal));
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var check = Cli();
        Assert.Equal(ExitCodes.Ok, await check.RunAsync("fundamentals", "check", facts, "--as-of", "2024-01-22"));
        Assert.Contains("3 ticker(s) checked as of 2024-01-22: 1 accepted, 2 rejected", check.Out, StringComparison.Ordinal);
        Assert.Contains($"rejected_tickers/{today}.jsonl", check.Out, StringComparison.Ordinal);
        Assert.Contains("non_finite", check.Out, StringComparison.Ordinal);
        Assert.Equal(2, EventLog.Split('\n').Count(l => l.Contains("\"event\":\"TICKER_REJECTED\"", StringComparison.Ordinal)));

        var config = Write("research.yaml", "fundamentals:\n  known_exclusions: [HOLDCO]\n");
        var audit = Cli(config);
        Assert.Equal(ExitCodes.Ok, await audit.RunAsync("fundamentals", "audit", "--as-of", today));
        Assert.Contains("1 of 3 tickers rejected (33.3 %)", audit.Out, StringComparison.Ordinal);
        Assert.Contains("ESCALATE", audit.Out, StringComparison.Ordinal);
        Assert.Contains("known exclusions rejected (not counted): HOLDCO", audit.Out, StringComparison.Ordinal);

        var missing = Cli();
        Assert.Equal(ExitCodes.BadInput, await missing.RunAsync("fundamentals", "check", Path.Combine(_dir, "nope")));
        var stale = Cli();
        Assert.Equal(ExitCodes.BadInput, await stale.RunAsync("fundamentals", "audit", "--as-of", "2000-01-03"));
        Assert.Contains("rejected_tickers", stale.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sentiment_scan_publishes_exits_reports_short_histories_and_refuses_a_bad_file()
    {
        var t0 = new DateTimeOffset(2026, 1, 2, 14, 0, 0, TimeSpan.Zero);
        var sb = new StringBuilder();
        for (var i = 0; i < 60; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{{\"ticker\":\"AAPL\",\"timestamp\":\"{t0.AddHours(i):yyyy-MM-ddTHH:mm:ssZ}\",\"text\":\"{(i % 2 == 0 ? "Strong growth" : "Results in line")}\"}}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"{{\"ticker\":\"AAPL\",\"timestamp\":\"{t0.AddHours(60):yyyy-MM-ddTHH:mm:ssZ}\",\"text\":\"Quarterly loss\"}}\n");
        sb.Append("{\"ticker\":\"MSFT\",\"timestamp\":\"2026-01-02T15:00:00Z\",\"text\":\"Record profit\"}\n");
        var scan = Cli();
        Assert.Equal(ExitCodes.Ok, await scan.RunAsync("sentiment", "scan", Write("headlines.jsonl", sb.ToString())));
        Assert.Contains("insufficient history (1 of 61 readings)", scan.Out, StringComparison.Ordinal);
        Assert.Contains("-2.97", scan.Out, StringComparison.Ordinal);
        Assert.Contains("1 SENTIMENT_EXIT_ALERT event(s) published", scan.Out, StringComparison.Ordinal);
        var exit = Assert.Single(EventLog.Split('\n'), l => l.Contains("\"event\":\"SENTIMENT_EXIT_ALERT\"", StringComparison.Ordinal));
        Assert.Contains("\"ticker\":\"AAPL\"", exit, StringComparison.Ordinal);
        Assert.Contains("\"z_score\":-2.97", exit, StringComparison.Ordinal);
        Assert.Contains("\"baseline_mean\":0.5", exit, StringComparison.Ordinal);

        var bad = Cli();
        Assert.Equal(ExitCodes.BadInput, await bad.RunAsync("sentiment", "scan", Write("bad.csv", "ticker,timestamp,text\nAAPL,yesterday,Beats\n")));
        Assert.Contains("line 2: timestamp", bad.Error, StringComparison.Ordinal);
    }

    /// <summary>Zero spread: every path is the hand-computed DCF of MonteCarloDcfTests (124.8295 per share, above the price 120).</summary>
    [Fact]
    public async Task Valuation_dcf_values_the_companies_of_a_config_file_and_refuses_a_bad_one()
    {
        var config = Write("dcf.yaml", "assumptions:\n  revenue_growth: {mean: 0.05, sd: 0}\n  fcf_margin: {mean: 0.10, sd: 0}\n  discount_rate: {mean: 0.10, sd: 0}\n  terminal_growth: 0.02\n  horizon_years: 2\n  simulations: 1000\ncompanies:\n  - {ticker: HAND, revenue: 1000, net_debt: 100, shares: 10, price: 120}\n");
        var cli = Cli();
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("valuation", "dcf", "--config", config));
        Assert.Contains("HAND", cli.Out, StringComparison.Ordinal);
        Assert.Contains("124.8295", cli.Out, StringComparison.Ordinal);
        Assert.Contains("1.0000", cli.Out, StringComparison.Ordinal);
        Assert.Contains("1,000 paths per company", cli.Out, StringComparison.Ordinal);

        var bad = Cli();
        Assert.Equal(ExitCodes.BadInput, await bad.RunAsync("valuation", "dcf", "--config", Write("bad.yaml", "assumptions:\n  revenue_growth: {mean: 0.05, sd: -1}\n")));
        Assert.Contains("assumptions.revenue_growth.sd", bad.Error, StringComparison.Ordinal);
    }
}
