using Tessera.Core.Backtest;
using Tessera.Core.Errors;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Backtest;

public sealed class StrategyFactoryTests
{
    [Fact]
    public void Overrides_reach_the_parameter_record()
    {
        var s = (ConnorsRsi2Strategy)StrategyFactory.Create("connors-rsi2", "MaxHoldBars=3, longentrybelow=5.5,AllowShort=false");
        Assert.Equal(new ConnorsRsi2Parameters(MaxHoldBars: 3, LongEntryBelow: 5.5, AllowShort: false), s.Parameters);
        Assert.Equal(new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(MaxHoldBars: 3, LongEntryBelow: 5.5, AllowShort: false)).ParametersHash, s.ParametersHash);
    }

    [Fact]
    public void Shared_keys_apply_to_every_record_of_a_combined_strategy()
    {
        var s = (Rsi2AndIbsStrategy)StrategyFactory.Create("rsi2-and-ibs", "TrendPeriod=100");
        Assert.Equal(100, s.Rsi2.TrendPeriod);
        Assert.Equal(100, s.Ibs.TrendPeriod);
    }

    [Fact]
    public void No_overrides_gives_the_registry_default()
    {
        Assert.Equal(new DonchianBreakoutStrategy().ParametersHash, StrategyFactory.Create("donchian-breakout", " ").ParametersHash);
    }

    [Theory]
    [InlineData("connors-rsi2", "Nope=1")]
    [InlineData("connors-rsi2", "RsiPeriod=abc")]
    [InlineData("connors-rsi2", "RsiPeriod")]
    [InlineData("connors-rsi2", "RsiPeriod=0")]
    [InlineData("connors-rsi2", "RsiPeriod=2,RsiPeriod=3")]
    [InlineData("no-such-strategy", "")]
    public void Bad_parameters_are_validation_errors(string name, string parameters) =>
        Assert.Throws<TesseraValidationException>(() => StrategyFactory.Create(name, parameters));
}
