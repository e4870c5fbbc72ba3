using Tessera.Core.Determinism;
using Tessera.Trading.Configuration;
using Xunit;

namespace Tessera.Trading.Tests.Configuration;

public sealed class ConfigPinTests
{
    private const string Base = """
        mode: paper_local
        profiles:
          canary:
            policy:
              per_order_usd: 75
              daily_usd: 1000
            spread_gate_max: 0.0005
          full:
            policy: {per_order_usd: 2500, daily_usd: 25000}
        """;

    private static string Pin(string yaml) => TradingConfigurationLoader.Load(yaml, "pin.yaml").ConfigPin;

    [Fact]
    public void Pin_is_the_sha256_of_the_canonical_text()
    {
        var config = TradingConfigurationLoader.Load(Base, "pin.yaml");
        Assert.Equal(Sha256Hex.Of(config.CanonicalText), config.ConfigPin);
        Assert.Contains("profiles.canary.policy.per_order_usd=75\n", config.CanonicalText, StringComparison.Ordinal);
        Assert.Contains("profiles.full.policy.per_order_usd=2500\n", config.CanonicalText, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_whitespace_key_order_and_number_spelling_do_not_move_the_pin()
    {
        const string reshaped = """
            # a comment
            profiles:
              full:   # reordered
                policy: {daily_usd: 25000.00, per_order_usd: 2.5e3}


              canary:
                spread_gate_max: 5.0e-4
                policy: {daily_usd: 1000, per_order_usd: 75.0}   # flow style now
            mode: paper_local
            """;
        Assert.Equal(Pin(Base), Pin(reshaped));
    }

    [Fact]
    public void Writing_a_default_explicitly_does_not_move_the_pin()
    {
        Assert.Equal(Pin(Base), Pin(Base + "\ncircuit_breaker: {max_intraday_drawdown: 0.03, equity_poll_seconds: 10}\n"));
    }

    [Theory]
    [InlineData("per_order_usd: 75\n", "per_order_usd: 75.01\n")]
    [InlineData("daily_usd: 1000\n", "daily_usd: 999\n")]
    [InlineData("spread_gate_max: 0.0005", "spread_gate_max: 0.0006")]
    [InlineData("mode: paper_local", "mode: alpaca_paper")]
    [InlineData("per_order_usd: 2500", "per_order_usd: 2501")]
    public void Any_value_change_moves_the_pin(string from, string to)
    {
        var changed = Base.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Base, changed);
        Assert.NotEqual(Pin(Base), Pin(changed));
    }

    [Theory]
    [InlineData("circuit_breaker: {max_intraday_drawdown: 0.04}")]
    [InlineData("circuit_breaker: {equity_poll_seconds: 11}")]
    [InlineData("alerts: {deferrals_per_hour_alert: 21}")]
    [InlineData("alerts: {webhook: {enabled: true}}")]
    [InlineData("alerts: {sms: {secret_name: OTHER_SMS}}")]
    [InlineData("alerts: {file_sink_path: logs/other.jsonl}")]
    [InlineData("default_profile: full")]
    public void Changing_a_default_moves_the_pin(string line)
    {
        Assert.NotEqual(Pin(Base), Pin(Base + "\n" + line + "\n"));
    }

    [Fact]
    public void Every_profile_field_is_in_the_pin()
    {
        // Each effective field appears in the canonical text, so a change to any of them changes the hash.
        var text = TradingConfigurationLoader.Load(Base, "pin.yaml").CanonicalText;
        string[] fields =
        [
            "policy.per_order_usd", "policy.daily_usd", "policy.min_price", "policy.max_price", "policy.allow_shorts",
            "sizing.method", "sizing.fixed_notional_usd", "sizing.fixed_fraction", "sizing.target_annual_vol",
            "sizing.vol_lookback_days", "sizing.max_fraction", "sizing.kelly_fraction", "sizing.kelly_lookback_days",
            "sizing.vix_taper_low", "sizing.vix_taper_high", "sizing.atr_pct_taper_low", "sizing.atr_pct_taper_high",
            "sizing.adv_cap_fraction", "sizing.vix_stale_after_days", "fractional_shares", "min_fractional_notional_usd",
            "spread_gate_max", "quote_max_age_seconds", "session.block_adds_last_minutes", "session.exit_before_close_minutes",
            "margin_budget_fraction", "ioc_limit_buy_multiplier", "ioc_limit_sell_multiplier", "chase_unfilled",
            "rebalance.cash_buffer_fraction", "rebalance.max_turnover_fraction", "rebalance.min_trade_usd", "rebalance.lot_size",
        ];
        foreach (var field in fields)
        {
            Assert.Contains("\nprofiles.canary." + field + "=", "\n" + text, StringComparison.Ordinal);
        }

        Assert.Equal(fields.Length * 2, text.Split('\n').Count(l => l.StartsWith("profiles.", StringComparison.Ordinal)));
    }
}
