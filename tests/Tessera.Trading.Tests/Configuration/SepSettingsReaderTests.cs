using Tessera.Alpaca.Model;
using Tessera.Trading.Configuration;
using Xunit;

namespace Tessera.Trading.Tests.Configuration;

/// <summary>The <c>sep:</c> section of the trading configuration: defaults, the pin, and a typed error per rule naming the field.</summary>
public sealed class SepSettingsReaderTests
{
    private const string Minimal = "profiles:\n  canary: {}\n";

    [Fact]
    public void Without_a_sep_section_there_is_no_desk_and_the_pin_does_not_move()
    {
        var plain = TradingConfigurationLoader.Load(Minimal, "t.yaml");
        Assert.Null(plain.Sep);
        var withSep = TradingConfigurationLoader.Load(Minimal + "sep: {}\n", "t.yaml");
        Assert.NotNull(withSep.Sep);
        Assert.NotEqual(plain.ConfigPin, withSep.ConfigPin);
        Assert.Contains("sep.k=3\n", withSep.CanonicalText, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_the_seed_values_and_the_desk_is_off()
    {
        var sep = TradingConfigurationLoader.Load(Minimal + "sep: {}\n", "t.yaml").Sep!;
        Assert.False(sep.Enabled);
        Assert.Equal(["SPY", "QQQ", "IWM", "DIA"], sep.Instruments);
        Assert.Equal(BarTimeFrame.OneMinute, sep.TimeFrame);
        Assert.Equal(1, sep.CadenceMinutes);
        var a = sep.Allocator;
        Assert.Equal((3, 20, 0.30, 0.5, 0.25), (a.K, a.Look, a.BudgetFraction, a.MaxPerPosition, a.RampStep));
        Assert.Equal((0.6, 0.2, 0.15, 0.05), (a.Weights.Coherence, a.Weights.Stability, a.Weights.Rupture, a.Weights.Entropy));
        Assert.Equal((TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(3)), (a.EntryCooldown, a.ExitCooldown, a.StaleAfter));
    }

    [Fact]
    public void Every_field_is_read()
    {
        const string yaml = """
            sep:
              enabled: true
              instruments: [AAPL, MSFT, NVDA]
              timeframe: 5Min
              cadence_minutes: 5
              k: 2
              look: 12
              coherence_min: 0.3
              stability_min: 0.5
              rupture_max: 0.4
              entropy_max: 0.9
              hysteresis: 0.1
              entry_cooldown_minutes: 20
              exit_cooldown_minutes: 7.5
              weights: {coherence: 0.5, stability: 0.3, rupture: 0.1, entropy: 0.1}
              fill_to_k: false
              budget_fraction: 0.2
              max_per_pos: 0.4
              ramp_step: 0.5
              stale_after_minutes: 12
            """;
        var sep = TradingConfigurationLoader.Load(Minimal + yaml, "t.yaml").Sep!;
        Assert.True(sep.Enabled);
        Assert.Equal(["AAPL", "MSFT", "NVDA"], sep.Instruments);
        Assert.Equal(new BarTimeFrame(5, BarTimeFrameUnit.Minute), sep.TimeFrame);
        Assert.Equal(5, sep.CadenceMinutes);
        var a = sep.Allocator;
        Assert.Equal((2, 12, 0.3, 0.5, 0.4, 0.9, 0.1), (a.K, a.Look, a.CoherenceMin, a.StabilityMin, a.RuptureMax, a.EntropyMax, a.Hysteresis));
        Assert.Equal((TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(7.5), TimeSpan.FromMinutes(12)), (a.EntryCooldown, a.ExitCooldown, a.StaleAfter));
        Assert.Equal((0.5, 0.3, 0.1, 0.1), (a.Weights.Coherence, a.Weights.Stability, a.Weights.Rupture, a.Weights.Entropy));
        Assert.Equal((false, 0.2, 0.4, 0.5), (a.FillToK, a.BudgetFraction, a.MaxPerPosition, a.RampStep));
    }

    [Theory]
    [InlineData("sep:\n  k: 0\n", "sep.k", "must be in [1, 200]")]
    [InlineData("sep:\n  instruments: [AAA, BBB]\n  k: 3\n", "sep.k", "at most the number of instruments (2)")]
    [InlineData("sep:\n  instruments: []\n", "sep.instruments", "must list 1..200 items")]
    [InlineData("sep:\n  instruments: [AAA, AAA]\n", "sep.instruments[1]", "listed twice")]
    [InlineData("sep:\n  instruments: [aa$]\n", "sep.instruments[0]", "a trading symbol")]
    [InlineData("sep:\n  look: 3\n", "sep.look", "must be in [4, 1000]")]
    [InlineData("sep:\n  coherence_min: 1.5\n", "sep.coherence_min", "must be in [0, 1]")]
    [InlineData("sep:\n  hysteresis: 0.6\n", "sep.hysteresis", "must be in [0, 0.5]")]
    [InlineData("sep:\n  budget_fraction: 0\n", "sep.budget_fraction", "must be in (0, 1]")]
    [InlineData("sep:\n  max_per_pos: 1.2\n", "sep.max_per_pos", "must be in (0, 1]")]
    [InlineData("sep:\n  ramp_step: 0\n", "sep.ramp_step", "must be in (0, 1]")]
    [InlineData("sep:\n  weights: {coherence: 0.7}\n", "sep.weights.coherence", "sum to 1")]
    [InlineData("sep:\n  timeframe: 1Day\n", "sep.timeframe", "a minute or hour bar timeframe")]
    [InlineData("sep:\n  timeframe: 5Min\n  stale_after_minutes: 5\n", "sep.stale_after_minutes", "longer than one 5Min bar")]
    [InlineData("sep:\n  cadence_minutes: 0\n", "sep.cadence_minutes", "must be in [1, 390]")]
    [InlineData("sep:\n  enabled: yes\n", "sep.enabled", "must be true or false")]
    [InlineData("sep:\n  max_per_position: 0.5\n", "sep.max_per_position", "unknown field")]
    [InlineData("sep: [1]\n", "sep", "must be a mapping")]
    public void Bad_fields_are_typed_errors_naming_the_field_and_the_rule(string section, string field, string rule)
    {
        var e = Assert.Throws<TradingConfigurationException>(() => TradingConfigurationLoader.Load(Minimal + section, "t.yaml"));
        Assert.Equal(field, e.Field);
        Assert.Contains(rule, e.Rule, StringComparison.Ordinal);
    }
}
