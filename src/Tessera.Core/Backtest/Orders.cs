namespace Tessera.Core.Backtest;

/// <summary>The side of an order (the value is the sign of the quantity it trades); see <see cref="Side"/> for a position's side.</summary>
public enum OrderSide
{
    Buy = 1,
    Sell = -1,
}

/// <summary>How order sides and position sides (<see cref="Side"/>) map onto each other.</summary>
public static class OrderSides
{
    /// <summary>The order that opens a position on <paramref name="side"/> from flat: Buy for Long, Sell for Short.</summary>
    public static OrderSide Opening(Side side) => side switch
    {
        Side.Long => OrderSide.Buy,
        Side.Short => OrderSide.Sell,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "only a Long or Short position is opened by an order"),
    };

    /// <summary>The position side an order opens from flat: Long for a buy, Short for a sell.</summary>
    public static Side Opens(this OrderSide side) => side == OrderSide.Buy ? Side.Long : Side.Short;
}

public enum OrderStatus
{
    Pending = 0,
    Filled = 1,

    /// <summary>Filled for fewer shares than requested because buying power was short.</summary>
    Reduced = 2,

    /// <summary>Not filled: no buying power for even one share.</summary>
    Rejected = 3,

    /// <summary>Not needed any more (the position was already closed by a stop at the open).</summary>
    Cancelled = 4,
}

/// <summary>An order as logged: created at the close of <see cref="CreatedBar"/>, filled later (or at once for stops).</summary>
public sealed class Order
{
    internal Order(int id, int createdBar, long createdTimeUtcMs, string symbol, OrderSide side, double quantity, string reason)
    {
        Id = id;
        CreatedBar = createdBar;
        CreatedTimeUtcMs = createdTimeUtcMs;
        Symbol = symbol;
        Side = side;
        RequestedQuantity = quantity;
        Reason = reason;
    }

    public int Id { get; }

    public int CreatedBar { get; }

    public long CreatedTimeUtcMs { get; }

    public string Symbol { get; }

    public OrderSide Side { get; }

    public double RequestedQuantity { get; }

    public string Reason { get; }

    public OrderStatus Status { get; internal set; }

    public double FilledQuantity { get; internal set; }

    public double FillPrice { get; internal set; }

    public int FillBar { get; internal set; } = -1;
}

/// <summary>One execution. Price includes slippage; Commission is charged to cash on top.</summary>
public sealed record Fill(int OrderId, int Bar, long TimeUtcMs, string Symbol, OrderSide Side, double Quantity, double Price, double Commission, string Reason);
