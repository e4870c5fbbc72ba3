using System.Globalization;
using System.Text;
using Tessera.Core.Data.Export;
using Tessera.Core.Data.Synthetic;
using Tessera.Local.Cli;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary>
/// The data, signal, backtest and portfolio command groups end to end through the CLI host: real files in,
/// real files out, exit codes for bad input. Their numbers are pinned by the domain tests; these pin the wiring.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DomainCommandsSmokeTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-cli-smoke-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TestCli Cli() => new(new Dictionary<string, string?>
    {
        ["TESSERA_LOCAL_DIR"] = _dir,
        ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
    });

    private string Path_(string name) => Path.Combine(_dir, name);

    private static SyntheticDailyMarket Market() => SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(8, 400, 5) { Sectors = 2 });

    private string WriteBarsCsv() => BarsCsvFile.Write(Path_("bars.csv"), Market().Bars);

    private string WriteReturnsCsv()
    {
        var market = Market();
        var sb = new StringBuilder("date," + string.Join(",", market.Bars.Select(b => b.Symbol.Replace(':', '_'))) + "\n");
        for (var t = 1; t < market.Timestamps.Length; t++)
        {
            sb.Append(DateTime.UnixEpoch.AddMilliseconds(market.Timestamps[t]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (var b in market.Bars)
            {
                sb.Append(',').Append(((b.Close[t] / b.Close[t - 1]) - 1.0).ToString("R", CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        var path = Path_("returns.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public async Task Data_generate_then_audit_writes_a_json_report()
    {
        var cli = Cli();
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("data", "generate", "--symbols", "6", "--days", "300", "--seed", "9"));
        var audit = Cli();
        var code = await audit.RunAsync("data", "audit", "--json", Path_("audit.json"));
        Assert.True(code is ExitCodes.Ok or ExitCodes.Failed, audit.Error);
        Assert.StartsWith("{", File.ReadAllText(Path_("audit.json")).TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indicators_signals_and_backtest_run_on_a_bar_csv()
    {
        var bars = WriteBarsCsv();
        var symbol = Market().Bars[0].Symbol;
        var indicators = Cli();
        Assert.Equal(ExitCodes.Ok, await indicators.RunAsync("indicators", "--csv", bars, "--symbol", symbol, "--out", Path_("ind.csv")));
        var rows = File.ReadAllLines(Path_("ind.csv"));
        Assert.Equal(401, rows.Length); // header + one row per bar
        Assert.Contains("rsi", rows[0], StringComparison.OrdinalIgnoreCase);

        var signals = Cli();
        Assert.Equal(ExitCodes.Ok, await signals.RunAsync("signals", "--strategy", "connors-rsi2", "--csv", bars, "--symbol", symbol));

        var backtest = Cli();
        Assert.Equal(ExitCodes.Ok, await backtest.RunAsync("backtest", "--strategy", "connors-rsi2", "--csv", bars, "--out", Path_("bt")));
        foreach (var file in new[] { "summary.json", "trades.csv", "equity.csv" })
        {
            Assert.True(File.Exists(Path.Combine(Path_("bt"), file)), file + " missing; output: " + backtest.Out + backtest.Error);
        }

        Assert.NotEmpty(Directory.GetFiles(Path_("bt"), "*.html"));
    }

    [Fact]
    public async Task Backtest_and_walkforward_accept_a_profile_universe_instead_of_a_csv()
    {
        var backtest = Cli();
        Assert.Equal(ExitCodes.Ok, await backtest.RunAsync("backtest", "--strategy", "ibs", "--universe", "compact", "--out", Path_("btu")));
        Assert.Contains("universe compact", File.ReadAllText(Path.Combine(Path_("btu"), "summary.json")), StringComparison.Ordinal);
        var walk = Cli();
        Assert.Equal(ExitCodes.Ok, await walk.RunAsync("walkforward", "--strategies", "ibs,connors-rsi2", "--universe", "compact", "--out", Path_("wfu")));
        foreach (var file in new[] { "trades.csv", "equity.csv", "summary.json" })
        {
            Assert.True(File.Exists(Path.Combine(Path_("wfu"), "splits", "ibs", "split-000", file)), file);
            Assert.True(File.Exists(Path.Combine(Path_("wfu"), "splits", "connors-rsi2", "split-000", file)), file);
        }

        var neither = Cli();
        Assert.Equal(ExitCodes.BadInput, await neither.RunAsync("backtest", "--strategy", "ibs", "--out", Path_("x")));
    }

    [Fact]
    public async Task Allocate_writes_weights_that_sum_to_one_and_cov_writes_a_square_matrix()
    {
        var returns = WriteReturnsCsv();
        var allocate = Cli();
        Assert.Equal(ExitCodes.Ok, await allocate.RunAsync("allocate", "--returns", returns, "--method", "erc", "--out", Path_("w.csv")));
        var weights = File.ReadAllLines(Path_("w.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(8, weights.Count);
        Assert.Equal(1.0, weights.Sum(), 9);

        var cov = Cli();
        Assert.Equal(ExitCodes.Ok, await cov.RunAsync("cov", "--returns", returns, "--estimator", "lw", "--out", Path_("cov.csv")));
        Assert.Equal(9, File.ReadAllLines(Path_("cov.csv")).Length);
    }

    [Theory]
    [InlineData("backtest", "--strategy", "no-such-strategy", "--csv", "bars.csv", "--out", "x")]
    [InlineData("allocate", "--returns", "returns.csv", "--method", "magic", "--out", "w.csv")]
    [InlineData("indicators", "--csv", "missing.csv", "--out", "x.csv")]
    [InlineData("select", "--profile", "no-such-profile")]
    public async Task Bad_input_to_the_domain_commands_exits_2(params string[] args)
    {
        WriteBarsCsv();
        WriteReturnsCsv();
        var resolved = args.Select(a => a.EndsWith(".csv", StringComparison.Ordinal) || a == "x" ? Path_(a) : a).ToArray();
        var cli = Cli();
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync(resolved));
        Assert.False(string.IsNullOrWhiteSpace(cli.Error));
    }
}
