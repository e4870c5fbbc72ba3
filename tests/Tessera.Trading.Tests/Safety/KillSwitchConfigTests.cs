using Tessera.Core.Governance;
using Tessera.Testing;
using Tessera.Trading.Configuration;
using Tessera.Trading.Safety;
using Xunit;

namespace Tessera.Trading.Tests.Safety;

/// <summary>config/kill_switch.yaml: the shipped file loads to the seed's matrix; bad files are refused naming the field.</summary>
public sealed class KillSwitchConfigTests
{
    private const string Valid = """
        var_window_days: 250
        etfs: [SPY, QQQ]
        rules:
          drawdown:
            max_drawdown: 0.08
            actions: [de_risk, notify_and_record]
            de_risk_fraction: 0.5
        """;

    [Fact]
    public void The_shipped_matrix_has_the_seed_conditions_thresholds_and_actions()
    {
        var config = KillSwitchConfig.LoadFile(Path.Combine(RepositoryPaths.Root(), "config", KillSwitchConfig.FileName));
        Assert.Equal(250, config.Matrix.VarWindow);
        Assert.Equal(["SPY", "QQQ", "IWM", "TLT", "GLD"], config.Etfs);
        var rules = config.Matrix.Rules.ToDictionary(r => r.Condition);
        Assert.Equal(0.95, rules[KillSwitchCondition.VarBreach].Threshold);
        Assert.Equal(0.08, rules[KillSwitchCondition.Drawdown].Threshold);
        Assert.Equal(15, rules[KillSwitchCondition.DataOutage].Threshold);
        Assert.Equal(25, rules[KillSwitchCondition.SlippageOverBudget].Threshold);
        Assert.Equal("halt_adds, de_risk 25%, notify_and_record", KillSwitchFormat.Actions(rules[KillSwitchCondition.VarBreach].Actions));
        Assert.Equal("de_risk 50%, switch_to_base_profile, notify_and_record", KillSwitchFormat.Actions(rules[KillSwitchCondition.Drawdown].Actions));
        Assert.Equal("restrict_to_etfs SPY,QQQ,IWM,TLT,GLD, notify_and_record", KillSwitchFormat.Actions(rules[KillSwitchCondition.SlippageOverBudget].Actions));
        Assert.Equal(64, config.Pin.Length);
        Assert.Equal("canary", config.BaseProfile); // config/trading.yaml's base profile (the aggressive one is "full")
    }

    [Theory]
    [InlineData("rules:\n  drawdown:\n    max_drawdown: 0.08\n    actions: [notify_and_record]\n    typo: 1\n", "rules.drawdown.typo", "unknown field")]
    [InlineData("rules:\n  earthquake:\n    actions: [notify_and_record]\n", "rules.earthquake", "unknown condition")]
    [InlineData("rules:\n  drawdown:\n    max_drawdown: 1.5\n    actions: [notify_and_record]\n", "rules.drawdown.max_drawdown", "(0, 1]")]
    [InlineData("rules:\n  drawdown:\n    actions: [de_risk]\n    de_risk_fraction: 0.9\n", "rules.drawdown.de_risk_fraction", "[0.25, 0.5]")]
    [InlineData("rules:\n  drawdown:\n    actions: [explode]\n", "rules.drawdown.actions[0]", "one of halt_adds")]
    [InlineData("rules:\n  drawdown:\n    actions: []\n", "rules.drawdown.actions", "1..5 items")]
    [InlineData("var_window_days: 5\nrules:\n  drawdown:\n    actions: [notify_and_record]\n", "var_window_days", "[20, 5000]")]
    [InlineData("extra: 1\nrules:\n  drawdown:\n    actions: [notify_and_record]\n", "extra", "unknown field")]
    [InlineData("rules:\n  drawdown:\n    actions: [switch_to_base_profile]\n", "base_profile", "required when a row uses switch_to_base_profile")]
    [InlineData("base_profile: 'a b'\nrules:\n  drawdown:\n    actions: [switch_to_base_profile]\n", "base_profile", "a trading profile name")]
    public void A_bad_matrix_is_refused_naming_the_field_and_the_rule(string yaml, string field, string rule)
    {
        var ex = Assert.Throws<TradingConfigurationException>(() => KillSwitchConfig.Load(yaml, "kill_switch.yaml"));
        Assert.Equal(field, ex.Field);
        Assert.Contains(rule, ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_file_round_trips_its_numbers_and_its_pin_changes_with_its_text()
    {
        var a = KillSwitchConfig.Load(Valid, "a.yaml");
        var b = KillSwitchConfig.Load(Valid + "\n# comment\n", "b.yaml");
        Assert.Equal(0.5, Assert.Single(a.Matrix.Rules).Actions[0].Fraction);
        Assert.NotEqual(a.Pin, b.Pin);
    }
}
