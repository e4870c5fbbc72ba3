using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

public class StrategyRegistryTests
{
    [Fact]
    public void Knows_every_built_in_strategy()
    {
        Assert.Equal(
            ["adx-regime", "connors-rsi2", "donchian-breakout", "ibs", "momentum-12-1", "quality-downside", "rsi2-and-ibs", "trend-regime", "turtle-soup"],
            StrategyRegistry.Default.Names);
        foreach (var name in StrategyRegistry.Default.Names)
        {
            Assert.Equal(name, StrategyRegistry.Default.Create(name).Name);
        }

        Assert.Equal("ibs", StrategyRegistry.Default.Create("IBS").Name);
    }

    [Fact]
    public void Unknown_names_and_duplicates_are_validation_errors()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => StrategyRegistry.Default.Create("nope"));
        Assert.Equal("strategy", ex.Field);
        Assert.Contains("connors-rsi2", ex.Message, StringComparison.Ordinal);
        var registry = StrategyRegistry.CreateDefault();
        Assert.Throws<TesseraValidationException>(() => registry.Register("ibs", () => new IbsStrategy()));
    }

    [Fact]
    public void Parameter_hash_is_sha256_of_the_canonical_string()
    {
        var s = new ConnorsRsi2Strategy();
        Assert.Equal("connors-rsi2(rsi=2;trend=200;longEntry=10;shortEntry=90;longExit=70;shortExit=30;atr=14;atrStop=2;maxHold=5;short=true)", s.CanonicalParameters);
        Assert.Equal(Sha256Hex.Of(s.CanonicalParameters), s.ParametersHash);
        Assert.Equal(s.ParametersHash, new ConnorsRsi2Strategy(new ConnorsRsi2Parameters()).ParametersHash);
        Assert.NotEqual(s.ParametersHash, new ConnorsRsi2Strategy(new ConnorsRsi2Parameters(LongEntryBelow: 5)).ParametersHash);
        var hashes = StrategyRegistry.Default.CreateAll().Select(x => x.ParametersHash).ToList();
        Assert.Equal(hashes.Count, hashes.Distinct(StringComparer.Ordinal).Count());
    }
}
