using Tessera.Alpaca.Model;
using Tessera.Exchange.Market;

namespace Tessera.Exchange.Trading;

/// <summary>
/// The exchange's working copy of an order (mutable, guarded by the venue's lock). Field names follow Alpaca's order
/// object; <see cref="Sequence"/> is the arrival order (time priority); <see cref="Triggered"/> records that a stop
/// fired; legs of bracket/OCO/OTO orders point at their <see cref="Parent"/>.
/// </summary>
public sealed class ExchangeOrder
{
    public required Guid Id { get; init; }
    public required string ClientOrderId { get; set; }
    public required SymbolState Symbol { get; init; }
    public required OrderSide Side { get; init; }
    public required OrderType Type { get; set; }
    public required TimeInForce TimeInForce { get; set; }
    public OrderClass Class { get; init; } = OrderClass.Simple;
    public decimal? Qty { get; set; }
    public decimal? Notional { get; init; }
    public decimal? LimitPrice { get; set; }
    public decimal? StopPrice { get; set; }
    public decimal? TrailPrice { get; set; }
    public decimal? TrailPercent { get; set; }
    public decimal? Hwm { get; set; }
    public bool ExtendedHours { get; init; }
    public OrderStatus Status { get; set; }
    public decimal FilledQty { get; set; }
    public decimal FilledValue { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? FilledAt { get; set; }
    public DateTimeOffset? ExpiredAt { get; set; }
    public DateTimeOffset? CanceledAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public DateTimeOffset? ReplacedAt { get; set; }
    public Guid? ReplacedBy { get; set; }
    public Guid? Replaces { get; init; }
    public ExchangeOrder? Parent { get; init; }
    public List<ExchangeOrder> Legs { get; } = [];
    public bool Triggered { get; set; }
    public long Sequence { get; init; }

    public bool IsLeg => Parent is not null;

    public bool IsOpen => Status.IsOpen();

    /// <summary>In the book and allowed to fill (not held, not queued for the open, not final).</summary>
    public bool IsWorking => Status is OrderStatus.New or OrderStatus.PartiallyFilled;

    public bool IsFractional => Notional is not null || (Qty is { } q && q != decimal.Truncate(q));

    /// <summary>What is left to fill (notional orders have no quantity until they fill).</summary>
    public decimal Remaining => Qty is { } q ? q - FilledQty : 0m;

    public decimal? AverageFillPrice => FilledQty > 0 ? decimal.Round(FilledValue / FilledQty, 6) : null;

    /// <summary>Stops and trailing stops wait for their trigger; after it a stop acts as market, a stop-limit as limit.</summary>
    public bool AwaitsTrigger => Type is OrderType.Stop or OrderType.StopLimit or OrderType.TrailingStop && !Triggered;

    public bool ActsAsMarket => Type == OrderType.Market || (Type is OrderType.Stop or OrderType.TrailingStop && Triggered);

    /// <summary>The limit that applies now (a stop-limit's limit only after its trigger).</summary>
    public decimal? EffectiveLimit => Type == OrderType.Limit || (Type == OrderType.StopLimit && Triggered) ? LimitPrice : null;
}
