using Tessera.Alpaca.Model;

namespace Tessera.Exchange.Trading;

/// <summary>An account activity: a fill (FILL) or a fee (FEE), in the order they happened.</summary>
public sealed record Activity
{
    public required string Id { get; init; }
    public required ActivityType Type { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required string Symbol { get; init; }
    public string? FillType { get; init; }
    public decimal Price { get; init; }
    public decimal Qty { get; init; }
    public OrderSide Side { get; init; }
    public decimal LeavesQty { get; init; }
    public decimal CumQty { get; init; }
    public Guid OrderId { get; init; }
    public OrderStatus OrderStatus { get; init; }
    public decimal NetAmount { get; init; }
    public string? Description { get; init; }
}
