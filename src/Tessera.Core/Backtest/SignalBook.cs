using Tessera.Core.Errors;
using Tessera.Core.Signals;

namespace Tessera.Core.Backtest;

/// <summary>One validated signal on the calendar: Long or Short to enter, Flat to exit; StopPrice NaN when none.</summary>
public readonly record struct BookedSignal(int Bar, int Symbol, Side Side, double Strength, string Reason, double StopPrice);

/// <summary>
/// Signals mapped onto the market-data calendar, sorted by (bar, symbol). One signal per symbol and bar:
/// when a strategy emits several, the last one in input order wins (both engines see the same book).
/// Unknown symbols, timestamps that are not a bar of that symbol, and non-finite strengths are rejected.
/// </summary>
public sealed class SignalBook
{
    private SignalBook(BookedSignal[] signals, int[] firstOfBar)
    {
        Signals = signals;
        FirstOfBar = firstOfBar;
    }

    public BookedSignal[] Signals { get; }

    /// <summary>FirstOfBar[t] .. FirstOfBar[t + 1] - 1 are the signals at bar t.</summary>
    public int[] FirstOfBar { get; }

    public static SignalBook Create(MarketData data, IReadOnlyList<Signal> signals)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signals);
        var entries = new (int Bar, int Symbol, int Order, BookedSignal Signal)[signals.Count];
        for (var i = 0; i < signals.Count; i++)
        {
            var sig = signals[i] ?? throw new TesseraValidationException("signal", null, "must not be null", "signal " + i);
            if (!data.TryGetSymbol(sig.Symbol, out var s))
            {
                throw new TesseraValidationException("signal.symbol", sig.Symbol, "unknown symbol (not in the market data)", "signal " + i);
            }

            var t = data.BarIndex(sig.TimestampUtcMs);
            if (t < 0 || !data.HasBar(s, t))
            {
                throw new TesseraValidationException("signal.timestamp", sig.TimestampUtcMs.ToString(), "must be the time of a bar of " + sig.Symbol, "signal " + i);
            }

            if (!double.IsFinite(sig.Strength))
            {
                throw new TesseraValidationException("signal.strength", sig.Strength.ToString("R"), "must be finite", "signal " + i);
            }

            if (sig.StopPrice is { } stop && !(double.IsFinite(stop) && stop > 0))
            {
                throw new TesseraValidationException("signal.stopPrice", stop.ToString("R"), "must be finite and > 0 when given", "signal " + i);
            }

            if (sig.Side is not (Side.Long or Side.Short or Side.Flat))
            {
                throw new TesseraValidationException("signal.side", sig.Side.ToString(), "must be Long, Short or Flat", "signal " + i);
            }

            entries[i] = (t, s, i, new BookedSignal(t, s, sig.Side, Math.Min(1.0, Math.Abs(sig.Strength)), sig.Reason ?? string.Empty, sig.StopPrice ?? double.NaN));
        }

        Array.Sort(entries, static (a, b) => a.Bar != b.Bar ? a.Bar.CompareTo(b.Bar) : a.Symbol != b.Symbol ? a.Symbol.CompareTo(b.Symbol) : a.Order.CompareTo(b.Order));
        var kept = new List<BookedSignal>(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var last = i + 1 == entries.Length || entries[i + 1].Bar != entries[i].Bar || entries[i + 1].Symbol != entries[i].Symbol;
            if (last)
            {
                kept.Add(entries[i].Signal);
            }
        }

        var first = new int[data.BarCount + 1];
        var k = 0;
        for (var t = 0; t <= data.BarCount; t++)
        {
            while (k < kept.Count && kept[k].Bar < t)
            {
                k++;
            }

            first[t] = k;
        }

        return new SignalBook([.. kept], first);
    }
}
