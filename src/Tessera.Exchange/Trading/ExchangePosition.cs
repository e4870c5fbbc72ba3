using Tessera.Exchange.Market;

namespace Tessera.Exchange.Trading;

/// <summary>A position: signed quantity (negative = short), average entry price, and the symbol it is marked to.</summary>
public sealed class ExchangePosition(SymbolState symbol)
{
    public SymbolState Symbol { get; } = symbol;

    public decimal Qty { get; set; }

    public decimal AvgEntryPrice { get; set; }

    /// <summary>The mark: the last print, or the entry price before any print (a restart before the tape reaches the symbol).</summary>
    public decimal Mark => Symbol.HasTrade ? Symbol.LastPriceDecimal : AvgEntryPrice;

    public decimal MarketValue => Qty * Mark;

    public decimal CostBasis => Qty * AvgEntryPrice;

    /// <summary>Applies a fill; returns the realized P&amp;L of the part that reduced the position.</summary>
    public decimal Apply(bool buy, decimal qty, decimal price)
    {
        var signed = buy ? qty : -qty;
        var realized = 0m;
        if (Qty == 0 || Math.Sign(Qty) == Math.Sign(signed))
        {
            var total = Qty + signed;
            AvgEntryPrice = ((Math.Abs(Qty) * AvgEntryPrice) + (qty * price)) / Math.Abs(total);
            AvgEntryPrice = decimal.Round(AvgEntryPrice, 6);
            Qty = total;
            return 0;
        }

        var closing = Math.Min(Math.Abs(Qty), qty);
        realized = closing * (price - AvgEntryPrice) * Math.Sign(Qty);
        Qty += signed;
        if (Qty == 0)
        {
            AvgEntryPrice = 0;
        }
        else if (Math.Sign(Qty) == Math.Sign(signed))
        {
            // Flipped through zero: the rest opens a new position at this price.
            AvgEntryPrice = price;
        }

        return realized;
    }
}
