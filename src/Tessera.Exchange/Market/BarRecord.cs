namespace Tessera.Exchange.Market;

/// <summary>One completed bar (UTC Unix ms start), as aggregated from the prints the exchange replayed.</summary>
public readonly record struct BarRecord(long Start, double Open, double High, double Low, double Close, double Volume, long Trades, double Vwap);
