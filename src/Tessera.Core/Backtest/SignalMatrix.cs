namespace Tessera.Core.Backtest;

/// <summary>
/// Array form of a <see cref="SignalBook"/> for the fast tier: Code[s][t] is +1 long, -1 short, 0 flat,
/// <see cref="None"/> for no signal; Strength[s][t] its magnitude. Reasons are not kept (the fast tier labels
/// exits "exit:signal" / "exit:reverse" like the event engine does for signals without a reason).
/// </summary>
public sealed class SignalMatrix
{
    public const sbyte None = sbyte.MinValue;

    public SignalMatrix(int symbols, int bars)
    {
        Code = new sbyte[symbols][];
        Strength = new double[symbols][];
        StopPrice = new double[symbols][];
        for (var s = 0; s < symbols; s++)
        {
            Code[s] = new sbyte[bars];
            Array.Fill(Code[s], None);
            Strength[s] = new double[bars];
            StopPrice[s] = new double[bars];
            Array.Fill(StopPrice[s], double.NaN);
        }
    }

    public sbyte[][] Code { get; }

    public double[][] Strength { get; }

    /// <summary>Protective stop carried by an entry signal (NaN when none).</summary>
    public double[][] StopPrice { get; }

    public static SignalMatrix From(MarketData data, SignalBook book)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(book);
        var m = new SignalMatrix(data.SymbolCount, data.BarCount);
        foreach (var s in book.Signals)
        {
            m.Code[s.Symbol][s.Bar] = s.Code;
            m.Strength[s.Symbol][s.Bar] = s.Strength;
            m.StopPrice[s.Symbol][s.Bar] = s.StopPrice;
        }

        return m;
    }
}
