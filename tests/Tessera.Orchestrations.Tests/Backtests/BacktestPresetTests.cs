using System.Text;
using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Tessera.Core.Strategies;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Backtests;
using Xunit;

namespace Tessera.Orchestrations.Tests.Backtests;

/// <summary>The kobe81 preset through POST /api/backtests' parser and the shared backtest work.</summary>
public sealed class BacktestPresetTests
{
    private static BacktestRequest Parse(string json) => BacktestRequest.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_backtest_request_accepts_the_kobe81_preset_by_name()
    {
        var r = Parse("""{"kind":"backtest","strategy":"ibs","preset":"KOBE81","params":"TrendPeriod=50","universe":{"profile":"compact"}}""");
        Assert.Equal("kobe81", r.Preset);
        Assert.Null(Parse("""{"kind":"backtest","strategy":"ibs","universe":{"profile":"compact"}}""").Preset);
    }

    [Theory]
    [InlineData("""{"kind":"walkforward","strategy":"ibs","preset":"kobe81","universe":{"profile":"compact"}}""")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","preset":"kobe82","universe":{"profile":"compact"}}""")]
    [InlineData("""{"kind":"backtest","strategy":"donchian-breakout","preset":"kobe81","universe":{"profile":"compact"}}""")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","preset":7,"universe":{"profile":"compact"}}""")]
    public void A_misused_preset_is_refused_naming_the_field(string json)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => Parse(json));
        Assert.Equal("preset", ex.Field);
    }

    [Fact]
    public void Resolve_applies_the_preset_rules_and_sizing_unless_the_caller_sizes()
    {
        var (strategy, sizer) = BacktestWork.Resolve("ibs", null, "kobe81", sizing: null);
        Assert.Equal(IbsExit.AtrStopAndTime, ((IbsStrategy)strategy).Parameters.Exit);
        Assert.Equal(0.007, Assert.IsType<CashFractionSizer>(sizer).Fraction);

        var (_, own) = BacktestWork.Resolve("ibs", null, "kobe81", new SizingSpec { Method = SizingSpec.Kelly });
        Assert.IsType<FractionalKellySizer>(own);

        var (plain, fixedSizer) = BacktestWork.Resolve("ibs", null, preset: null, sizing: null);
        Assert.Equal(new IbsStrategy().ParametersHash, plain.ParametersHash);
        Assert.Equal(0.05, Assert.IsType<FixedFractionSizer>(fixedSizer).Fraction);
    }

    [Fact]
    public void A_preset_backtest_records_the_preset_and_its_sizing_in_the_tear_sheet()
    {
        var bars = SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(6, 400, 7)).Bars;
        var (strategy, sizer) = BacktestWork.Resolve("connors-rsi2", null, "kobe81", sizing: null);
        var outcome = BacktestWork.Backtest(bars, strategy, BacktestWork.DefaultOptions with { Sizer = sizer }, "synthetic", null, null, "kobe81");
        var sheet = outcome.Files.Single(f => f.Name == "tearsheet.html").Content;
        Assert.Contains("kobe81", sheet, StringComparison.Ordinal);
        Assert.Contains("cash-fraction 0.007", sheet, StringComparison.Ordinal);
        Assert.Contains("lag=1;minPrice=5", sheet, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_records_a_preset_and_omits_the_field_without_one()
    {
        var manifest = new BacktestManifest("bt-1", "BacktestRun", "backtest", "ibs", null, null, null, "synthetic", null, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), []);
        Assert.DoesNotContain("preset", System.Text.Json.JsonSerializer.Serialize(manifest, ArtifactJson.Options), StringComparison.Ordinal);
        Assert.Contains("\"preset\": \"kobe81\"", System.Text.Json.JsonSerializer.Serialize(manifest with { Preset = "kobe81" }, ArtifactJson.Options), StringComparison.Ordinal);
    }
}
