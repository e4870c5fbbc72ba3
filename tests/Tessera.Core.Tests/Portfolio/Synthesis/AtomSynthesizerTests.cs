using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Synthesis;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Synthesis;

public sealed class AtomSynthesizerTests
{
    private static readonly SyntheticDailyMarket Market = SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(6, 500, 11));

    [Fact]
    public void Builds_one_stream_per_atom_from_the_strategy_library_with_returns_only_while_in_position()
    {
        var sym = Market.Bars[0].Symbol;
        var atoms = new[] { new StrategyAtom(sym, ConnorsRsi2Strategy.StrategyName, Side.Long), new StrategyAtom(sym, IbsStrategy.StrategyName, Side.Long), new StrategyAtom(sym, DonchianBreakoutStrategy.StrategyName, Side.Short) };
        var streams = new AtomSynthesizer().Synthesize(atoms, Market.Bars);
        Assert.Equal(3, streams.Count);
        Assert.Equal(atoms.Select(a => a.Key), streams.Select(s => s.Atom.Key));
        Assert.Contains(streams, s => s.BarsInPosition > 0);
        foreach (var s in streams)
        {
            Assert.Equal(Market.Bars[0].Count, s.Returns.Length);
            Assert.True(s.Returns.Count(r => r != 0) <= s.BarsInPosition);
            Assert.All(s.Returns, r => Assert.True(double.IsFinite(r)));
        }

        // Cross-check one stream against the builder fed with the strategy's own signals.
        var rsi = StrategyRegistry.Default.Create(ConnorsRsi2Strategy.StrategyName);
        var signals = rsi.SignalsOverTime([Market.Bars[0]]);
        var direct = AtomStreamBuilder.Build(new StrategyAtom(sym, signals.Count > 0 ? signals[0].Strategy : ConnorsRsi2Strategy.StrategyName, Side.Long), Market.Bars[0], signals);
        Assert.Equal(direct.Returns, streams[0].Returns);
    }

    [Fact]
    public void Unknown_symbol_and_unknown_logic_are_rejected()
    {
        Assert.Throws<TesseraValidationException>(() => new AtomSynthesizer().Synthesize([new StrategyAtom("NOPE", "ibs", Side.Long)], Market.Bars));
        Assert.Throws<TesseraValidationException>(() => new AtomSynthesizer().Synthesize([new StrategyAtom(Market.Bars[0].Symbol, "no-such-logic", Side.Long)], Market.Bars));
        Assert.Throws<TesseraValidationException>(() => new StrategyAtom("A", "ibs", Side.Flat));
    }
}
