using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

public class StrategyInputValidationTests
{
    public static TheoryData<string> SeriesStrategies() =>
        [.. StrategyRegistry.Default.CreateAll().OfType<ISeriesStrategy>().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SeriesStrategies))]
    public void Bad_bars_raise_validation_errors(string name)
    {
        var strategy = (ISeriesStrategy)StrategyRegistry.Default.Create(name);
        var sink = new List<Signal>();
        Assert.Throws<TesseraValidationException>(() => strategy.CreateEngine("X").OnBar(new OhlcvBar(0, 1, 2, 1, double.NaN, 10), sink));
        Assert.Throws<TesseraValidationException>(() => strategy.CreateEngine("X").OnBar(new OhlcvBar(0, 1, 1, 2, 1.5, 10), sink));
        Assert.Throws<TesseraValidationException>(() => strategy.CreateEngine("X").OnBar(new OhlcvBar(0, 1, 2, 1, 1.5, double.PositiveInfinity), sink));
        Assert.Empty(sink);
    }

    [Fact]
    public void Bad_parameters_name_the_field()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => new DonchianBreakoutStrategy(new DonchianBreakoutParameters(EntryPeriod: 0)));
        Assert.Equal("EntryPeriod", ex.Field);
        Assert.Throws<TesseraValidationException>(() => new TurtleSoupStrategy(new TurtleSoupParameters(MinBarsSinceExtreme: 0)));
        Assert.Throws<TesseraValidationException>(() => new AdxRegimeStrategy(new AdxRegimeParameters(Threshold: 101)));
        Assert.Throws<TesseraValidationException>(() => new TrendRegimeStrategy(new TrendRegimeParameters(Proxy: (TrendProxy)7)));
        Assert.Throws<TesseraValidationException>(() => new IbsStrategy(new IbsParameters(LongBelow: -0.1)));
        Assert.Throws<TesseraValidationException>(() => new QualityRankStrategy(new QualityRankParameters(DownsidePeriod: 0)));
        Assert.Throws<TesseraValidationException>(() => new MomentumRankStrategy(new MomentumRankParameters(Lookback: 20, Skip: 21)));
    }
}
