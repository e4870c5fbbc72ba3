using System.Globalization;
using System.Text;
using System.Text.Json;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Portfolio;
using Tessera.Core.Portfolio.Comparison;
using Tessera.Local.Cli;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary>
/// <c>tessera portfolio compare</c> (Indian-equities seed 001, W6 EW vs LW-GMV), <c>tessera portfolio candidates</c>
/// (quant-platform seed 002, 8.2-8.3) and allocate's constraint options through the CLI host: real files in and out,
/// the numbers equal the domain call on the same file, exit 2 for bad input.
/// </summary>
public sealed class PortfolioGroupCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-cli-portfolio-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TestCli Cli() => new(new Dictionary<string, string?> { ["TESSERA_LOCAL_DIR"] = _dir });

    private string P(string name) => Path.Combine(_dir, name);

    private string WriteReturnsCsv()
    {
        var market = SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(6, 300, 11) { Sectors = 2 });
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

        File.WriteAllText(P("returns.csv"), sb.ToString());
        return P("returns.csv");
    }

    private ReturnsTable Table()
    {
        using var reader = new StreamReader(P("returns.csv"));
        return ReturnsCsv.Read(reader, "returns.csv");
    }

    private string WriteAssetValues(string name, Func<int, string> value)
    {
        var assets = Table().AssetIds;
        File.WriteAllText(P(name), "asset,value\n" + string.Concat(assets.Select((a, i) => $"{a},{value(i)}\n")));
        return P(name);
    }

    [Fact]
    public async Task Seed001_portfolio_compare_prints_a_table_and_writes_the_domain_results_as_json()
    {
        var returns = WriteReturnsCsv();
        var cli = Cli();
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("portfolio", "compare", "--returns", returns, "--lookback", "60", "--rebalance", "21", "--cost-bps", "15", "--out", P("compare.json")));
        Assert.Contains("LW-GMV", cli.Out, StringComparison.Ordinal);
        Assert.Contains("cost drag", cli.Out, StringComparison.Ordinal);

        var expected = PortfolioComparison.Run(Table().AssetIds, Table().Columns, new ComparisonSettings(60, 21, 15));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(P("compare.json")));
        var strategies = json.RootElement.GetProperty("strategies");
        Assert.Equal(2, strategies.GetArrayLength());
        for (var k = 0; k < 2; k++)
        {
            var s = strategies[k];
            Assert.Equal(expected.Strategies[k].Name, s.GetProperty("name").GetString());
            Assert.Equal(expected.Strategies[k].Sharpe, s.GetProperty("sharpe").GetDouble());
            Assert.Equal(expected.Strategies[k].CostDrag, s.GetProperty("cost_drag").GetDouble());
            Assert.Equal(299 - 60, s.GetProperty("daily_net_returns").GetArrayLength());
        }

        Assert.Equal(15, json.RootElement.GetProperty("cost_bps").GetDouble());
    }

    [Fact]
    public async Task Seed001_portfolio_compare_applies_capacity_caps_from_adv_and_capital()
    {
        var returns = WriteReturnsCsv();
        var adv = WriteAssetValues("adv.csv", i => (2e6 * (i + 1)).ToString(CultureInfo.InvariantCulture)); // caps = 0.01 x ADV / 1e5 = 0.2 .. 1.2
        var cli = Cli();
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("portfolio", "compare", "--returns", returns, "--lookback", "60", "--adv", adv, "--capital", "1e5", "--out", P("c.json")));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(P("c.json")));
        Assert.Equal(0.2, json.RootElement.GetProperty("capacity_caps")[0].GetDouble(), 12);
        foreach (var s in json.RootElement.GetProperty("strategies").EnumerateArray())
        {
            Assert.True(s.GetProperty("max_capacity_use").GetDouble() <= 1 + 1e-9);
        }
    }

    [Fact]
    public async Task Seed002_portfolio_candidates_consolidates_exports_deterministically()
    {
        await File.WriteAllTextAsync(P("b.json"), """[{"symbol": "NASDAQ:AAPL", "direction": "LONG", "industry": "Hardware"}, {"symbol": "NYSE:IBM", "direction": "LONG", "rsi": 120}]""");
        await File.WriteAllTextAsync(P("a.json"), """[{"Symbol": "nasdaq:aapl", "direction": "long", "sector": "Technology", "market_cap_rank": 1}]""");
        var cli = Cli();
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("portfolio", "candidates", P("b.json"), P("a.json"), "--out", P("portfolio_candidates.json")));
        Assert.Contains("3 records from 2 exports -> 1 candidates (1 dropped)", cli.Out, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(P("portfolio_candidates.json"));
        Assert.Contains("\"sector\": \"Technology\"", text, StringComparison.Ordinal);
        Assert.Contains("\"industry\": \"Hardware\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("IBM", text, StringComparison.Ordinal);

        var strict = Cli();
        Assert.Equal(ExitCodes.BadInput, await strict.RunAsync("portfolio", "candidates", P("b.json"), "--strict", "--out", P("x.json")));
        Assert.Contains("metadata.rsi", strict.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(P("x.json")));
    }

    [Fact]
    public async Task Allocate_reaches_sector_caps_adv_caps_and_the_beta_band()
    {
        var returns = WriteReturnsCsv();
        var sectors = WriteAssetValues("sectors.csv", i => i < 3 ? "tech" : "energy");
        var adv = WriteAssetValues("adv.csv", _ => "3e7"); // 0.01 x 3e7 / 1e6 = 0.3 per asset
        var cli = Cli();
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("allocate", "--returns", returns, "--method", "minvar", "--estimator", "lw", "--sectors", sectors, "--sector-cap", "0.55", "--adv", adv, "--capital", "1e6", "--beta-band", "1.0", "--out", P("w.csv")));
        var weights = File.ReadAllLines(P("w.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(1.0, weights.Sum(), 9);
        Assert.True(weights.Take(3).Sum() <= 0.55 + 1e-7 && weights.Skip(3).Sum() <= 0.55 + 1e-7);
        Assert.All(weights, w => Assert.True(w <= 0.3 + 1e-7));
    }

    [Theory]
    [InlineData("portfolio", "compare", "--returns", "returns.csv", "--adv", "adv.csv", "--out", "c.json")]
    [InlineData("portfolio", "compare", "--returns", "returns.csv", "--lookback", "5000", "--out", "c.json")]
    [InlineData("portfolio", "compare", "--returns", "returns.csv", "--cost-bps", "-1", "--out", "c.json")]
    [InlineData("portfolio", "candidates", "missing.json", "--out", "c.json")]
    [InlineData("portfolio", "candidates", "returns.csv", "--merge-key", "symbol", "--out", "c.json")]
    [InlineData("allocate", "--returns", "returns.csv", "--method", "ew", "--sector-cap", "0.5", "--out", "w.csv")]
    [InlineData("allocate", "--returns", "returns.csv", "--method", "ew", "--capital", "1e6", "--out", "w.csv")]
    public async Task Bad_input_exits_2_with_a_message(params string[] args)
    {
        WriteReturnsCsv();
        WriteAssetValues("adv.csv", _ => "1e7");
        var cli = Cli();
        var resolved = args.Select(a => a.EndsWith(".csv", StringComparison.Ordinal) || a.EndsWith(".json", StringComparison.Ordinal) ? P(a) : a).ToArray();
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync(resolved));
        Assert.False(string.IsNullOrWhiteSpace(cli.Error));
    }
}
