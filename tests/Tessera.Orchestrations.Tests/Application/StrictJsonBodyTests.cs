using System.Text;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Application.Http;
using Tessera.Orchestrations.Backtests;
using Xunit;

namespace Tessera.Orchestrations.Tests.Application;

/// <summary>Issue 17 items 2 and 8 at the one strict JSON prelude every request body goes through.</summary>
public sealed class StrictJsonBodyTests
{
    private static TesseraValidationException Refused(byte[] body) =>
        Assert.IsType<TesseraValidationException>(Assert.ThrowsAny<TesseraValidationException>(() => StartRunRequest.Parse(body)), exactMatch: false);

    [Fact]
    public void Hardening_item_2_invalid_utf8_in_a_string_is_a_400_naming_the_field()
    {
        var ex = Refused([.. "{\"profile\":\"compact"u8, 0xFF, .. "\"}"u8]);
        Assert.Equal("profile", ex.Field);
        Assert.Equal(StrictJsonBody.TextRule, ex.Rule);
        Assert.Equal(400, ApiErrors.Map(ex)!.Status);
    }

    [Theory]
    [InlineData("{\"profile\":\"\\ud800\"}", "profile")]
    [InlineData("{\"profile\":\"a\\udc00b\"}", "profile")]
    [InlineData("{\"profile\":\"compact\",\"run_id\":\"\\ud83d\"}", "run_id")]
    public void Hardening_item_2_a_lone_surrogate_is_a_400_naming_the_field(string body, string field)
    {
        var ex = Refused(Encoding.UTF8.GetBytes(body));
        Assert.Equal(field, ex.Field);
        Assert.Equal(StrictJsonBody.TextRule, ex.Rule);
    }

    [Fact]
    public void Hardening_item_2_the_same_prelude_guards_the_backtest_and_trading_bodies()
    {
        var backtest = Assert.ThrowsAny<TesseraValidationException>(() => BacktestRequest.Parse(Encoding.UTF8.GetBytes("{\"kind\":\"backtest\",\"strategy\":\"connors-rsi2\",\"universe\":{\"profile\":\"\\ud800\"}}")));
        Assert.Equal("universe.profile", backtest.Field);
        Assert.Equal(StrictJsonBody.TextRule, backtest.Rule);

        var halt = Assert.ThrowsAny<TesseraValidationException>(() => TradingRequests.ParseHalt([.. "{\"reason\":\"x"u8, 0xC3, .. "\"}"u8]));
        Assert.Equal("reason", halt.Field);

        var duplicate = Assert.ThrowsAny<TesseraValidationException>(() => BacktestRequest.Parse("{\"kind\":\"backtest\",\"kind\":\"validate\"}"u8));
        Assert.Equal("kind", duplicate.Field);
        Assert.Equal(StrictJsonBody.DuplicateKeyRule, duplicate.Rule);
    }

    [Fact]
    public void A_valid_surrogate_pair_and_non_ascii_text_are_accepted()
    {
        var request = StartRunRequest.Parse(Encoding.UTF8.GetBytes("{\"profile\":\"caf\u00e9\\ud83d\\ude00\",\"run_id\":null}"));
        Assert.Equal("caf\u00e9\U0001F600", request.Profile);
    }

    [Fact]
    public void Hardening_item_8_a_duplicate_key_is_a_400_naming_the_key()
    {
        var ex = Refused("{\"profile\":\"compact\",\"profile\":\"default\"}"u8.ToArray());
        Assert.Equal("profile", ex.Field);
        Assert.Equal(StrictJsonBody.DuplicateKeyRule, ex.Rule);
    }

    [Fact]
    public void Hardening_item_8_json_nested_too_deep_names_the_depth_rule_not_malformed_json()
    {
        var body = Encoding.UTF8.GetBytes("{\"profile\":" + new string('[', 5000) + new string(']', 5000) + "}");
        var ex = Refused(body);
        Assert.Equal("body", ex.Field);
        Assert.Equal("JSON nesting is at most 8 levels", ex.Rule);
        Assert.Equal("depth 5001", ex.Value);
        Assert.DoesNotContain("malformed", ex.Message, StringComparison.Ordinal);

        // Exactly 8 levels is read (and then refused for what it is: profile must be a string).
        var eight = Refused(Encoding.UTF8.GetBytes("{\"profile\":" + new string('[', 7) + new string(']', 7) + "}"));
        Assert.Equal("profile", eight.Field);

        // Brackets inside strings are not nesting.
        Assert.Equal(1, StrictJsonBody.MaxNesting("{\"a\":\"[[[[{{{{\\\"[[\"}"u8));
    }

    [Fact]
    public void Hardening_item_8_a_utf8_byte_order_mark_is_accepted()
    {
        var request = StartRunRequest.Parse([0xEF, 0xBB, 0xBF, .. "{\"profile\":\"compact\"}"u8]);
        Assert.Equal("compact", request.Profile);
        var backtest = BacktestRequest.Parse([0xEF, 0xBB, 0xBF, .. "{\"kind\":\"backtest\",\"strategy\":\"connors-rsi2\",\"universe\":{\"profile\":\"compact\"}}"u8]);
        Assert.Equal("compact", backtest.Universe.Profile);
    }

    [Fact]
    public void Oversized_and_empty_bodies_keep_their_answers()
    {
        Assert.Equal(413, ApiErrors.Map(Assert.Throws<PayloadTooLargeException>(() => StartRunRequest.Parse(new byte[StartRunRequest.MaxBodyBytes + 1])))!.Status);
        Assert.Equal("body", Refused([0xEF, 0xBB, 0xBF, (byte)' ']).Field);
    }

    [Fact]
    public void An_oversized_trading_body_is_refused_quoting_the_trading_limit()
    {
        var ex = Assert.Throws<PayloadTooLargeException>(() => TradingRequests.ParseScan(new byte[TradingRequests.MaxBodyBytes + 1]));
        Assert.Equal(4 * 1024, ex.MaxBytes);
        Assert.Equal("request body must be at most 4096 bytes", ex.Rule);
    }
}
