using Tessera.Core.Backtest;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Backtest;

/// <summary>The fast tier reproduces the event engine exactly on real data (505 symbols x 1,259 days).</summary>
public sealed class FastTierSp500Tests
{
    [SharedDataFact(SpUniverse.File)]
    public void Rsi2_fast_tier_equals_event_engine_on_sp500() => Same("connors-rsi2");

    [SharedDataFact(SpUniverse.File)]
    public void Donchian_fast_tier_equals_event_engine_on_sp500() => Same("donchian-breakout");

    private static void Same(string strategy)
    {
        var book = SignalBook.Create(SpUniverse.Data, SpUniverse.SignalsOf(strategy));
        var slow = EventBacktestEngine.Run(SpUniverse.Data, book, ReferenceRun.Options);
        var fast = FastBacktester.Run(SpUniverse.Data, SignalMatrix.From(SpUniverse.Data, book), ReferenceRun.Options);
        Assert.True(slow.Trades.Count > 1000);
        FastBacktesterTests.AssertSame(slow, fast);
    }
}
