using System.Text;
using Tessera.Testing;
using Tessera.Trading.Configuration;
using Xunit;

namespace Tessera.Trading.Tests.Configuration;

public sealed class TradingConfigurationLoaderTests
{
    private const string Minimal = "profiles:\n  canary: {}\n";

    private static TradingConfigurationException Fails(string yaml) =>
        Assert.Throws<TradingConfigurationException>(() => TradingConfigurationLoader.Load(yaml, "test.yaml"));

    [Fact]
    public void Repository_config_loads_with_a_canary_and_a_full_profile_that_differ()
    {
        var config = TradingConfigurationLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), TradingConfigurationLoader.DefaultPath));
        Assert.Equal(TradingMode.PaperLocal, config.Mode);
        Assert.Equal(["canary", "full"], config.ProfileNames);
        var canary = config.Profile("canary");
        var full = config.Profile("full");
        Assert.Equal(75m, canary.Policy.PerOrderUsd);
        Assert.Equal(1000m, canary.Policy.DailyUsd);
        Assert.NotEqual(canary.Policy.PerOrderUsd, full.Policy.PerOrderUsd);
        Assert.NotEqual(canary.Policy.DailyUsd, full.Policy.DailyUsd);
        Assert.Equal(SizingMethod.FractionalKelly, full.Sizing.Method);
        Assert.True(full.FractionalShares);
        Assert.Same(canary, config.DefaultProfile);
        Assert.Matches("^[0-9a-f]{64}$", config.ConfigPin);
    }

    [Fact]
    public void Absent_fields_take_the_seed_defaults()
    {
        var config = TradingConfigurationLoader.Load(Minimal, "test.yaml");
        var p = config.Profile("canary");
        Assert.Equal(TradingMode.PaperLocal, config.Mode);
        Assert.Equal(new PolicyLimits(75m, 1000m, 3m, 1000m, false), p.Policy);
        Assert.Equal(0.0005, p.SpreadGateMax);
        Assert.Equal(0.30, p.MarginBudgetFraction);
        Assert.Equal(1.001, p.IocLimitBuyMultiplier);
        Assert.Equal(0.999, p.IocLimitSellMultiplier);
        Assert.False(p.ChaseUnfilled);
        Assert.False(p.FractionalShares);
        Assert.Equal(0.25, p.Sizing.KellyFraction);
        Assert.Equal((20.0, 40.0), (p.Sizing.VixTaperLow, p.Sizing.VixTaperHigh));
        Assert.Equal((0.015, 0.04), (p.Sizing.AtrPctTaperLow, p.Sizing.AtrPctTaperHigh));
        Assert.Equal(0.01, p.Sizing.AdvCapFraction);
        Assert.Equal(new SessionSettings(5, 5), p.Session);
        Assert.Equal(new CircuitBreakerSettings(0.03, 10), config.CircuitBreaker);
        Assert.Equal(20, config.Alerts.DeferralsPerHourAlert);
        Assert.Equal("TESSERA_ALERT_WEBHOOK_URL", config.Alerts.Webhook.SecretName);
    }

    [Fact]
    public void Unknown_field_is_an_error_naming_its_path()
    {
        var ex = Fails("profiles:\n  canary:\n    policy:\n      per_order_usdd: 75\n");
        Assert.Equal("profiles.canary.policy.per_order_usdd", ex.Field);
        Assert.Contains("unknown field", ex.Rule, StringComparison.Ordinal);
        Assert.Equal("test.yaml:4", ex.Location);
    }

    [Fact]
    public void Unknown_top_level_section_is_an_error()
    {
        var ex = Fails(Minimal + "risk:\n  max_spread_pct: 0.0005\n");
        Assert.Equal("risk", ex.Field);
    }

    [Theory]
    [InlineData("abc", "must be a number")]
    [InlineData("\"75\"", "must be a number")]
    [InlineData("[75]", "must be a number")]
    [InlineData(".nan", "must be a finite number (NaN and infinities are not allowed)")]
    [InlineData("NaN", "must be a finite number (NaN and infinities are not allowed)")]
    [InlineData(".inf", "must be a finite number (NaN and infinities are not allowed)")]
    [InlineData("-.inf", "must be a finite number (NaN and infinities are not allowed)")]
    [InlineData("-1", "must be in (0, 1000000000]")]
    [InlineData("0", "must be in (0, 1000000000]")]
    [InlineData("1e300", "must be in (0, 1000000000]")]
    public void Bad_per_order_budget_names_field_value_and_rule(string value, string rule)
    {
        var ex = Fails("profiles:\n  canary:\n    policy:\n      per_order_usd: " + value + "\n");
        Assert.Equal("profiles.canary.policy.per_order_usd", ex.Field);
        Assert.Equal(rule, ex.Rule);
        Assert.NotNull(ex.Value);
        Assert.Contains("profiles.canary.policy.per_order_usd", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spread_gate_max: .nan", "profiles.canary.spread_gate_max")]
    [InlineData("spread_gate_max: -0.0005", "profiles.canary.spread_gate_max")]
    [InlineData("margin_budget_fraction: 1.5", "profiles.canary.margin_budget_fraction")]
    [InlineData("quote_max_age_seconds: -3", "profiles.canary.quote_max_age_seconds")]
    [InlineData("fractional_shares: yes", "profiles.canary.fractional_shares")]
    [InlineData("ioc_limit_buy_multiplier: 0.99", "profiles.canary.ioc_limit_buy_multiplier")]
    [InlineData("sizing: {method: martingale}", "profiles.canary.sizing.method")]
    [InlineData("sizing: {kelly_fraction: 0}", "profiles.canary.sizing.kelly_fraction")]
    [InlineData("sizing: {vix_taper_low: 40, vix_taper_high: 20}", "profiles.canary.sizing.vix_taper_high")]
    [InlineData("sizing: {atr_pct_taper_high: 0.015}", "profiles.canary.sizing.atr_pct_taper_high")]
    [InlineData("sizing: {vol_lookback_days: 1.5}", "profiles.canary.sizing.vol_lookback_days")]
    [InlineData("policy: {per_order_usd: 100, daily_usd: 99}", "profiles.canary.policy.daily_usd")]
    [InlineData("policy: {min_price: 5, max_price: 4}", "profiles.canary.policy.max_price")]
    [InlineData("session: {block_adds_last_minutes: 3, exit_before_close_minutes: 5}", "profiles.canary.session.block_adds_last_minutes")]
    [InlineData("rebalance: {lot_size: 0}", "profiles.canary.rebalance.lot_size")]
    [InlineData("rebalance: {cash_buffer_fraction: 1}", "profiles.canary.rebalance.cash_buffer_fraction")]
    [InlineData("policy: 75", "profiles.canary.policy")]
    public void Profile_field_errors_name_the_field(string line, string field)
    {
        var ex = Fails("profiles:\n  canary:\n    " + line + "\n");
        Assert.Equal(field, ex.Field);
    }

    [Theory]
    [InlineData("mode: production", "mode")]
    [InlineData("default_profile: full", "default_profile")]
    [InlineData("circuit_breaker: {max_intraday_drawdown: 0}", "circuit_breaker.max_intraday_drawdown")]
    [InlineData("circuit_breaker: {equity_poll_seconds: 0}", "circuit_breaker.equity_poll_seconds")]
    [InlineData("alerts: {deferrals_per_hour_alert: -1}", "alerts.deferrals_per_hour_alert")]
    [InlineData("alerts: {file_sink_path: ../../etc/passwd}", "alerts.file_sink_path")]
    [InlineData("alerts: {file_sink_path: /var/log/a}", "alerts.file_sink_path")]
    public void Top_level_field_errors_name_the_field(string line, string field)
    {
        var ex = Fails(Minimal + line + "\n");
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Missing_profiles_is_an_error()
    {
        Assert.Equal("profiles", Fails("mode: paper_local\n").Field);
        Assert.Equal("profiles", Fails("profiles: {}\n").Field);
    }

    [Fact]
    public void Bad_profile_name_is_an_error()
    {
        var ex = Fails("profiles:\n  Canary/../x: {}\n");
        Assert.Equal("profiles.Canary/../x", ex.Field);
    }

    [Fact]
    public void Secret_pasted_into_secret_name_is_refused_without_echoing_it()
    {
        const string secret = "https://hooks.example.com/services/T000/B000/XXXXSECRETXXXX";
        var ex = Fails(Minimal + "alerts:\n  webhook:\n    enabled: true\n    secret_name: " + secret + "\n");
        Assert.Equal("alerts.webhook.secret_name", ex.Field);
        Assert.DoesNotContain("SECRET", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.example.com", ex.Message, StringComparison.Ordinal);
        Assert.Contains("redacted", ex.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_key_under_alerts_does_not_echo_its_value()
    {
        var ex = Fails(Minimal + "alerts:\n  webhook:\n    url: https://hooks.example.com/TOKEN123\n");
        Assert.Equal("alerts.webhook.url", ex.Field);
        Assert.DoesNotContain("TOKEN123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_mode_is_modelled_and_needs_the_explicit_flag()
    {
        var config = TradingConfigurationLoader.Load("mode: live\n" + Minimal, "test.yaml");
        Assert.Equal(TradingMode.Live, config.Mode);
        Assert.True(config.Mode.RequiresExplicitLiveFlag());
        Assert.False(TradingMode.AlpacaPaper.RequiresExplicitLiveFlag());
    }

    [Fact]
    public void Unknown_profile_lists_the_known_ones()
    {
        var config = TradingConfigurationLoader.Load("profiles:\n  canary: {}\n  full: {}\n", "test.yaml");
        var ex = Assert.Throws<TradingConfigurationException>(() => config.Profile("aggressive"));
        Assert.Equal("profile", ex.Field);
        Assert.Equal("aggressive", ex.Value);
        Assert.Contains("canary, full", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_aliases_and_several_documents_are_refused()
    {
        Assert.Equal("profiles.canary", Fails("profiles:\n  canary: {}\n  canary: {}\n").Field);
        Assert.Contains("aliases", Fails("profiles:\n  canary: &a {}\n  full: *a\n").Rule, StringComparison.Ordinal);
        Assert.Contains("one YAML document", Fails(Minimal + "---\n" + Minimal).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_is_a_typed_error_with_a_line()
    {
        var ex = Fails("profiles:\n  canary: {policy: [\n");
        Assert.Equal("<document>", ex.Field);
        Assert.StartsWith("not valid YAML", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Twenty_thousand_deep_flow_nesting_is_a_typed_error_not_a_stack_overflow()
    {
        var yaml = "profiles: " + new string('[', 20_000) + new string(']', 20_000) + "\n";
        var ex = Fails(yaml);
        Assert.Equal("nesting is at most 32 levels", ex.Rule);
    }

    [Fact]
    public void Twenty_thousand_deep_block_nesting_is_a_typed_error_not_a_stack_overflow()
    {
        var yaml = "profiles:\n" + new StringBuilder().Insert(0, "- ", 20_000) + "x\n";
        var ex = Fails(yaml);
        Assert.Equal("nesting is at most 32 levels", ex.Rule);
    }

    [Fact]
    public void Nesting_of_exactly_32_is_read_and_33_is_refused()
    {
        // The root mapping is level 1, "deep:" opens levels 2.. via flow sequences.
        static string Doc(int levels) => Minimal + "deep: " + new string('[', levels - 1) + new string(']', levels - 1) + "\n";
        var ok = Fails(Doc(32));
        Assert.Equal("deep", ok.Field);
        Assert.Contains("unknown field", ok.Rule, StringComparison.Ordinal);
        var deep = Fails(Doc(33));
        Assert.Equal("nesting is at most 32 levels", deep.Rule);
    }

    [Fact]
    public void Size_of_exactly_64_KiB_is_read_and_one_byte_more_is_refused()
    {
        static string Padded(int total)
        {
            var body = Minimal + "# ";
            return body + new string('x', total - body.Length - 1) + "\n";
        }

        var exact = Padded(64 * 1024);
        Assert.Equal(64 * 1024, Encoding.UTF8.GetByteCount(exact));
        Assert.Equal(75m, TradingConfigurationLoader.Load(exact, "t").Profile("canary").Policy.PerOrderUsd);
        var ex = Fails(Padded((64 * 1024) + 1));
        Assert.Equal("<document>", ex.Field);
        Assert.Equal("65537 bytes", ex.Value);
    }

    [Fact]
    public void Oversized_file_is_refused_before_it_is_read()
    {
        var path = Path.Combine(Path.GetTempPath(), "tessera-trading-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            File.WriteAllText(path, Minimal + "#" + new string('x', 70_000) + "\n");
            var ex = Assert.Throws<TradingConfigurationException>(() => TradingConfigurationLoader.LoadFile(path));
            Assert.Equal("<document>", ex.Field);
            Assert.Equal("<file>", Assert.Throws<TradingConfigurationException>(() => TradingConfigurationLoader.LoadFile(path + ".missing")).Field);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
