namespace Tessera.Exchange.Market;

/// <summary>
/// The spread model that synthesizes quotes where the data has only trades (the SPY tape). Documented in
/// docs/BROKER.md: the spread is <c>max(1 tick, price x SpreadBps / 10,000)</c> rounded to whole ticks (tick $0.01,
/// $0.0001 below $1). Each print is classified by the tick rule (Lee-Ready): an uptick is buyer-initiated and printed
/// at the ask, a downtick seller-initiated at the bid, a zero tick keeps the previous side; the first print of a
/// symbol is taken at the ask. The quote is then built around the print on that side; both sides show the print's
/// size (at least a round lot of 100), which is also the touch liquidity an incoming marketable order can take.
/// </summary>
public sealed class QuoteModel(double spreadBps)
{
    public double SpreadBps { get; } = spreadBps;

    public static double TickFor(double price) => price >= 1.0 ? 0.01 : 0.0001;

    /// <summary>Rounds to the tick grid without binary residue (99.99, not 99.99000000000001).</summary>
    public static double OnGrid(double value, double tick) => Math.Round(value, tick >= 0.01 ? 2 : 4);

    /// <summary>Updates the quote of <paramref name="state"/> after a print.</summary>
    public void OnTrade(SymbolState state, double price, double size, byte venue)
    {
        ArgumentNullException.ThrowIfNull(state);
        var tick = TickFor(price);
        var ticks = Math.Max(1.0, Math.Round(price * SpreadBps / 10_000.0 / tick));
        var width = ticks * tick;
        var side = state.HasTrade ? (price > state.LastPrice ? 1 : price < state.LastPrice ? -1 : state.TickSide) : 1;
        state.TickSide = side == 0 ? 1 : side;
        var depth = Math.Max(100.0, size);
        if (state.TickSide > 0)
        {
            state.SetQuote(Round(price - width, tick), price, depth, depth, venue);
        }
        else
        {
            state.SetQuote(price, Round(price + width, tick), depth, depth, venue);
        }
    }

    private static double Round(double value, double tick) => OnGrid(Math.Round(value / tick) * tick, tick);
}
