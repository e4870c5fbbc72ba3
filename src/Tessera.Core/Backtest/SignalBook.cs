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
        var count = signals.Count;
        var booked = new BookedSignal[count];
        var lastTime = long.MinValue;
        var lastBar = -1;
        for (var i = 0; i < count; i++)
        {
            var sig = signals[i] ?? throw new TesseraValidationException("signal", null, "must not be null", "signal " + i);
            if (!data.TryGetSymbol(sig.Symbol, out var s))
            {
                throw new TesseraValidationException("signal.symbol", sig.Symbol, "unknown symbol (not in the market data)", "signal " + i);
            }

            // Strategies hand their signals over in time order, so most share the previous one's bar: search only on a change.
            var t = sig.TimestampUtcMs == lastTime ? lastBar : data.BarIndex(sig.TimestampUtcMs);
            lastTime = sig.TimestampUtcMs;
            lastBar = t;
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

            booked[i] = new BookedSignal(t, s, sig.Side, Math.Min(1.0, Math.Abs(sig.Strength)), sig.Reason ?? string.Empty, sig.StopPrice ?? double.NaN);
        }

        SortByBarSymbolInput(booked, data.SymbolCount);
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var last = i + 1 == count || booked[i + 1].Bar != booked[i].Bar || booked[i + 1].Symbol != booked[i].Symbol;
            if (last)
            {
                booked[kept++] = booked[i];
            }
        }

        var first = new int[data.BarCount + 1];
        var k = 0;
        for (var t = 0; t <= data.BarCount; t++)
        {
            while (k < kept && booked[k].Bar < t)
            {
                k++;
            }

            first[t] = k;
        }

        return new SignalBook(kept == count ? booked : booked[..kept], first);
    }

    /// <summary>
    /// Orders the signals by (bar, symbol), input order within a pair, in place. Signals arrive in that order when the
    /// universe is in symbol order (a strategy's signals are by time then symbol), so a linear check usually ends it;
    /// otherwise a sort on one integer key per signal, (bar, symbol, input position), which is unique, so the result is
    /// the one a stable sort by (bar, symbol) gives.
    /// </summary>
    private static void SortByBarSymbolInput(BookedSignal[] booked, int symbols)
    {
        var sorted = true;
        for (var i = 1; i < booked.Length && sorted; i++)
        {
            var a = booked[i - 1];
            var b = booked[i];
            sorted = a.Bar < b.Bar || (a.Bar == b.Bar && a.Symbol <= b.Symbol);
        }

        if (sorted)
        {
            return;
        }

        var n = booked.Length;
        var maxBar = 0;
        foreach (var b in booked)
        {
            maxBar = Math.Max(maxBar, b.Bar);
        }

        if ((double)(maxBar + 1) * symbols * n >= long.MaxValue / 2.0)
        {
            // Too many signals for one 64-bit key: compare the fields (position i is the tie-break).
            var order = new (BookedSignal Signal, int Position)[n];
            for (var i = 0; i < n; i++)
            {
                order[i] = (booked[i], i);
            }

            Array.Sort(order, static (x, y) => x.Signal.Bar != y.Signal.Bar ? x.Signal.Bar.CompareTo(y.Signal.Bar) : x.Signal.Symbol != y.Signal.Symbol ? x.Signal.Symbol.CompareTo(y.Signal.Symbol) : x.Position.CompareTo(y.Position));
            for (var i = 0; i < n; i++)
            {
                booked[i] = order[i].Signal;
            }

            return;
        }

        var keys = new long[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = ((((long)booked[i].Bar * symbols) + booked[i].Symbol) * n) + i;
        }

        Array.Sort(keys, booked);
    }
}
