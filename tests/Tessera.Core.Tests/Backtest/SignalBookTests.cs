using Tessera.Core.Backtest;
using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.Signals;
using Tessera.Core.Tests.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Backtest;

/// <summary>
/// The signal book against its definition, written out here the way it was first implemented (a stable sort of the
/// mapped signals by (bar, symbol), the last signal of each pair kept): in-order input (the fast path), shuffled input
/// with duplicate pairs (the keyed sort), a universe not in symbol order, and the errors for bad signals.
/// </summary>
public class SignalBookTests
{
    [Fact]
    public void In_order_shuffled_and_duplicated_signals_book_as_the_stable_sort_defines()
    {
        // Symbols deliberately not in ordinal order, so even the strategies' (time, symbol) order needs the sort.
        var universe = new[] { SyntheticBars.RandomWalk("M", 300, 1), SyntheticBars.RandomWalk("A", 280, 2, startDay: 20), SyntheticBars.RandomWalk("Z", 300, 3) };
        var data = new MarketData(universe);
        var rng = new DeterministicRandom(9);
        var signals = new List<Signal>();
        for (var k = 0; k < 2_000; k++)
        {
            var s = universe[(int)(rng.NextDouble() * universe.Length)];
            var i = (int)(rng.NextDouble() * s.Count);
            var side = (Side)rng.NextInt(3);
            signals.Add(new Signal(s.Timestamps[i], s.Symbol, side, (rng.NextDouble() * 2) - 1, "x", "h", "r" + k) { StopPrice = rng.NextDouble() < 0.5 ? null : 1 + rng.NextDouble() });
        }

        var inOrder = signals.OrderBy(x => data.BarIndex(x.TimestampUtcMs)).ThenBy(x => data.SymbolIndex(x.Symbol)).ToList();
        foreach (var input in new[] { signals, inOrder, inOrder.Take(1).ToList(), new List<Signal>() })
        {
            var book = SignalBook.Create(data, input);
            var (expected, expectedFirst) = Reference(data, input);
            Assert.Equal(expected, book.Signals);
            Assert.Equal(expectedFirst, book.FirstOfBar);
        }
    }

    [Fact]
    public void Bad_signals_are_refused_naming_the_field_and_the_signal()
    {
        var s = SyntheticBars.RandomWalk("A", 50, 1);
        var data = new MarketData([s]);
        Signal Good(int i) => new(s.Timestamps[i], "A", Side.Long, 0.5, "x", "h", "entry");
        Assert.Equal("signal.symbol", Assert.Throws<TesseraValidationException>(() => SignalBook.Create(data, [Good(1), Good(2) with { Symbol = "B" }])).Field);
        Assert.Equal("signal.timestamp", Assert.Throws<TesseraValidationException>(() => SignalBook.Create(data, [Good(1), Good(1) with { TimestampUtcMs = s.Timestamps[1] + 1 }])).Field);
        Assert.Equal("signal.strength", Assert.Throws<TesseraValidationException>(() => SignalBook.Create(data, [Good(1) with { Strength = double.NaN }])).Field);
        var stop = Assert.Throws<TesseraValidationException>(() => SignalBook.Create(data, [Good(1), Good(3) with { StopPrice = -1 }]));
        Assert.Equal(("signal.stopPrice", "signal 1"), (stop.Field, stop.Location));
    }

    private static (BookedSignal[] Signals, int[] FirstOfBar) Reference(MarketData data, IReadOnlyList<Signal> signals)
    {
        var entries = new List<(int Bar, int Symbol, int Order, BookedSignal Signal)>();
        for (var i = 0; i < signals.Count; i++)
        {
            var sig = signals[i];
            var s = data.SymbolIndex(sig.Symbol);
            var t = data.BarIndex(sig.TimestampUtcMs);
            entries.Add((t, s, i, new BookedSignal(t, s, sig.Side, Math.Min(1.0, Math.Abs(sig.Strength)), sig.Reason, sig.StopPrice ?? double.NaN)));
        }

        var sorted = entries.OrderBy(e => e.Bar).ThenBy(e => e.Symbol).ThenBy(e => e.Order).ToList();
        var kept = new List<BookedSignal>();
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i + 1 == sorted.Count || sorted[i + 1].Bar != sorted[i].Bar || sorted[i + 1].Symbol != sorted[i].Symbol)
            {
                kept.Add(sorted[i].Signal);
            }
        }

        var first = new int[data.BarCount + 1];
        for (var t = 0; t <= data.BarCount; t++)
        {
            first[t] = kept.Count(k => k.Bar < t);
        }

        return ([.. kept], first);
    }
}
