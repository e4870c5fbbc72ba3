namespace Tessera.Core.Backtest;

/// <summary>
/// Array form of a <see cref="SignalBook"/> for the fast tier: Sides[s][t] is the signal's side (Long/Short to enter,
/// Flat to exit), null for no signal; Strength[s][t] its magnitude. Reasons are not kept (the fast tier labels
/// exits "exit:signal" / "exit:reverse" like the event engine does for signals without a reason).
/// </summary>
public sealed class SignalMatrix
{
    public SignalMatrix(int symbols, int bars)
    {
        Sides = new Side?[symbols][];
        Strength = new double[symbols][];
        StopPrice = new double[symbols][];
        for (var s = 0; s < symbols; s++)
        {
            Sides[s] = new Side?[bars];
            Strength[s] = new double[bars];
            StopPrice[s] = new double[bars];
            Array.Fill(StopPrice[s], double.NaN);
        }
    }

    public Side?[][] Sides { get; }

    public double[][] Strength { get; }

    /// <summary>Protective stop carried by an entry signal (NaN when none).</summary>
    public double[][] StopPrice { get; }

    /// <summary>
    /// Symbols with a signal per bar (CSR: bar t owns BySymbol[Start[t] .. Start[t + 1]), ascending), built on first use
    /// and cached: do not change <see cref="Sides"/> after the first backtest has run on this matrix.
    /// </summary>
    internal (int[] Start, int[] Symbols) BarIndex => _index ??= BuildIndex();

    private (int[] Start, int[] Symbols)? _index;

    private (int[] Start, int[] Symbols) BuildIndex()
    {
        var bars = Sides.Length == 0 ? 0 : Sides[0].Length;
        var start = new int[bars + 1];
        var symbols = new List<int>();
        for (var t = 0; t < bars; t++)
        {
            start[t] = symbols.Count;
            for (var s = 0; s < Sides.Length; s++)
            {
                if (Sides[s][t].HasValue)
                {
                    symbols.Add(s);
                }
            }
        }

        start[bars] = symbols.Count;
        return (start, [.. symbols]);
    }

    public static SignalMatrix From(MarketData data, SignalBook book)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(book);
        var m = new SignalMatrix(data.SymbolCount, data.BarCount);
        foreach (var s in book.Signals)
        {
            m.Sides[s.Symbol][s.Bar] = s.Side;
            m.Strength[s.Symbol][s.Bar] = s.Strength;
            m.StopPrice[s.Symbol][s.Bar] = s.StopPrice;
        }

        return m;
    }
}
