namespace Tessera.Core.Backtest;

/// <summary>
/// Open lots of one symbol, closed first-in first-out. Each closing fill produces one <see cref="Trade"/> per lot
/// it touches; the lot's entry commission and the closing fill's commission are allocated pro rata to quantity.
/// A fill larger than the open position closes it and opens the remainder in the other direction.
/// </summary>
public sealed class FifoPosition
{
    private readonly List<Lot> _lots = [];

    public FifoPosition(string symbol) => Symbol = symbol;

    public string Symbol { get; }

    /// <summary>Signed quantity (short &lt; 0).</summary>
    public double Quantity { get; private set; }

    /// <summary>Long, Short or Flat, from the sign of <see cref="Quantity"/>.</summary>
    public Side Direction => SideText.OfSign(Quantity);

    public int LotCount => _lots.Count;

    /// <summary>Entry bar of the oldest open lot, or -1.</summary>
    public int FirstEntryBar => _lots.Count == 0 ? -1 : _lots[0].Bar;

    /// <param name="side">the fill's order side as a sign: +1 buy, -1 sell.</param>
    public void Apply(int side, double quantity, double price, double commission, int bar, long timeUtcMs, string reason, List<Trade> trades)
    {
        var remaining = quantity;
        while (remaining > 0 && _lots.Count > 0 && Math.Sign(_lots[0].SignedQuantity) == -side)
        {
            var lot = _lots[0];
            var lotQty = Math.Abs(lot.SignedQuantity);
            var closeQty = Math.Min(lotQty, remaining);
            var dir = Math.Sign(lot.SignedQuantity);
            var entryComm = lot.Commission * (closeQty / lotQty);
            var exitComm = commission * (closeQty / quantity);
            var comm = entryComm + exitComm;
            var net = (dir * closeQty * (price - lot.Price)) - comm;
            trades.Add(new Trade(Symbol, SideText.OfSign(dir), lot.TimeUtcMs, timeUtcMs, lot.Bar, bar, closeQty, lot.Price, price, comm, net, reason));
            if (closeQty == lotQty)
            {
                _lots.RemoveAt(0);
            }
            else
            {
                _lots[0] = lot with { SignedQuantity = dir * (lotQty - closeQty), Commission = lot.Commission - entryComm };
            }

            Quantity -= dir * closeQty;
            remaining -= closeQty;
        }

        if (remaining > 0)
        {
            _lots.Add(new Lot(side * remaining, price, commission * (remaining / quantity), bar, timeUtcMs));
            Quantity += side * remaining;
        }

        if (_lots.Count == 0)
        {
            Quantity = 0;
        }
    }

    private readonly record struct Lot(double SignedQuantity, double Price, double Commission, int Bar, long TimeUtcMs);
}
