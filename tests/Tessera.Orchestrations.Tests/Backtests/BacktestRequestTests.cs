using System.Text;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Backtests;
using Xunit;

namespace Tessera.Orchestrations.Tests.Backtests;

public sealed class BacktestRequestTests
{
    private static BacktestRequest Parse(string json) => BacktestRequest.Parse(Encoding.UTF8.GetBytes(json));

    private static TesseraValidationException Refused(string json) => Assert.Throws<TesseraValidationException>(() => Parse(json));

    [Fact]
    public void A_backtest_on_a_profile_parses_with_its_params()
    {
        var r = Parse("""{"kind":"backtest","strategy":"connors-rsi2","params":"MaxHoldBars=3","universe":{"profile":"compact"},"run_id":"bt-1"}""");
        Assert.Equal(BacktestKind.Backtest, r.Kind);
        Assert.Equal("connors-rsi2", r.Strategy);
        Assert.Equal("MaxHoldBars=3", r.Params);
        Assert.Equal(new BacktestUniverse("compact", null), r.Universe);
        Assert.Equal("bt-1", r.RunId);
        Assert.Null(r.Method);
    }

    [Fact]
    public void A_validation_on_a_pinned_version_defaults_to_purged_kfold_and_accepts_cpcv()
    {
        var r = Parse("""{"kind":"validate","strategy":"ibs","grid":"Threshold=0.2|0.3","universe":{"lakehouse_version":4}}""");
        Assert.Equal(BacktestKind.Validate, r.Kind);
        Assert.Equal(new BacktestUniverse(null, 4), r.Universe);
        Assert.Equal("purged-kfold", r.Method);
        Assert.Equal("cpcv", Parse("""{"kind":"validate","strategy":"ibs","method":"CPCV","universe":{"lakehouse_version":1}}""").Method);
    }

    [Theory]
    [InlineData("""{"strategy":"ibs","universe":{"profile":"compact"}}""", "kind")]
    [InlineData("""{"kind":"optimize","strategy":"ibs","universe":{"profile":"compact"}}""", "kind")]
    [InlineData("""{"kind":"backtest","universe":{"profile":"compact"}}""", "strategy")]
    [InlineData("""{"kind":"backtest","strategy":7,"universe":{"profile":"compact"}}""", "strategy")]
    [InlineData("""{"kind":"backtest","strategy":"ibs"}""", "universe")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":"compact"}""", "universe")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{}}""", "universe")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{"profile":"compact","lakehouse_version":2}}""", "universe")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{"lakehouse_version":0}}""", "universe.lakehouse_version")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{"lakehouse_version":1.5}}""", "universe.lakehouse_version")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{"lakehouse_version":"3"}}""", "universe.lakehouse_version")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{"profile":"compact"},"csv":"bars.csv"}""", "csv")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{"file":"x"}}""", "universe.file")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","grid":"A=1|2","universe":{"profile":"compact"}}""", "grid")]
    [InlineData("""{"kind":"walkforward","strategy":"ibs","params":"A=1","universe":{"profile":"compact"}}""", "params")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","method":"cpcv","universe":{"profile":"compact"}}""", "method")]
    [InlineData("""{"kind":"validate","strategy":"ibs","method":"kfold","universe":{"profile":"compact"}}""", "method")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{"profile":"compact"},"run_id":5}""", "run_id")]
    [InlineData("""[1]""", "body")]
    [InlineData("""{"kind":""", "body")]
    public void A_bad_request_is_refused_naming_the_field(string json, string field) =>
        Assert.Equal(field, Refused(json).Field);

    [Theory]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{"profile":"/etc/passwd"}}""", "universe.profile")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{"profile":"..\\data\\bars"}}""", "universe.profile")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{"profile":"bars.csv"}}""", "universe.profile")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{"profile":"C:bars"}}""", "universe.profile")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","universe":{"profile":"~bars"}}""", "universe.profile")]
    [InlineData("""{"kind":"backtest","strategy":"./ibs","universe":{"profile":"compact"}}""", "strategy")]
    [InlineData("""{"kind":"backtest","strategy":"ibs","params":"File=/tmp/x","universe":{"profile":"compact"}}""", "params")]
    [InlineData("""{"kind":"walkforward","strategy":"ibs","grid":"A=bars.csv.gz","universe":{"profile":"compact"}}""", "grid")]
    public void A_path_anywhere_is_refused(string json, string field)
    {
        var ex = Refused(json);
        Assert.Equal(field, ex.Field);
        Assert.Contains("file path", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void The_body_bound_is_the_limit_exactly()
    {
        var head = """{"kind":"backtest","strategy":"ibs","universe":{"profile":"compact"},"run_id":""" + "\"";
        var tail = "\"}";
        var atLimit = head + new string('a', BacktestRequest.MaxBodyBytes - head.Length - tail.Length) + tail;
        Assert.Equal(BacktestRequest.MaxBodyBytes, Encoding.UTF8.GetByteCount(atLimit));
        Assert.Equal(BacktestKind.Backtest, Parse(atLimit).Kind); // at the bound: parsed (the run id is checked later, at start)
        Assert.Throws<PayloadTooLargeException>(() => Parse(atLimit.Insert(head.Length, "a")));
    }
}
