using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Tessera.Alpaca.Model;
using Tessera.Core.Errors;

namespace Tessera.Trading.Orders;

/// <summary>
/// The Table storage shape of an <see cref="OrderRecord"/>. Decimals are stored as invariant strings (Table storage has
/// no decimal type and a double would round prices); enums by name.
/// </summary>
internal sealed class OrderRecordEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string DecisionId { get; set; } = string.Empty;

    public string Symbol { get; set; } = string.Empty;

    public string Side { get; set; } = string.Empty;

    public string? Qty { get; set; }

    public string? Notional { get; set; }

    public string Type { get; set; } = string.Empty;

    public string TimeInForce { get; set; } = string.Empty;

    public string? LimitPrice { get; set; }

    public string? ReferencePrice { get; set; }

    public bool ChaseUnfilled { get; set; }

    public string State { get; set; } = string.Empty;

    public string? FinalState { get; set; }

    public string FilledQty { get; set; } = "0";

    public string? AvgPrice { get; set; }

    public string? BrokerOrderId { get; set; }

    public string? BrokerStatus { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? LastEvent { get; set; }

    public string? Error { get; set; }

    public static OrderRecordEntity From(OrderRecord r) => new()
    {
        PartitionKey = r.AccountId,
        RowKey = r.ClientOrderId,
        DecisionId = r.DecisionId,
        Symbol = r.Symbol,
        Side = r.Side.ToString(),
        Qty = Text(r.Quantity),
        Notional = Text(r.Notional),
        Type = r.Type.ToString(),
        TimeInForce = r.TimeInForce.ToString(),
        LimitPrice = Text(r.LimitPrice),
        ReferencePrice = Text(r.ReferencePrice),
        ChaseUnfilled = r.ChaseUnfilled,
        State = OrderStateNames.Wire(r.State),
        FinalState = r.FinalState is { } f ? OrderStateNames.Wire(f) : null,
        FilledQty = r.FilledQuantity.ToString(CultureInfo.InvariantCulture),
        AvgPrice = Text(r.AveragePrice),
        BrokerOrderId = r.BrokerOrderId,
        BrokerStatus = r.BrokerStatus,
        CreatedAt = r.CreatedAt,
        UpdatedAt = r.UpdatedAt,
        SubmittedAt = r.SubmittedAt,
        LastEvent = r.LastEvent,
        Error = r.Error,
    };

    public OrderRecord ToRecord() => new()
    {
        AccountId = PartitionKey,
        ClientOrderId = RowKey,
        DecisionId = DecisionId,
        Symbol = Symbol,
        Side = ParseEnum<OrderSide>(nameof(Side), Side),
        Quantity = Number(nameof(Qty), Qty),
        Notional = Number(nameof(Notional), Notional),
        Type = ParseEnum<OrderType>(nameof(Type), Type),
        TimeInForce = ParseEnum<TimeInForce>(nameof(TimeInForce), TimeInForce),
        LimitPrice = Number(nameof(LimitPrice), LimitPrice),
        ReferencePrice = Number(nameof(ReferencePrice), ReferencePrice),
        ChaseUnfilled = ChaseUnfilled,
        State = OrderStateNames.Parse(nameof(State), State),
        FinalState = FinalState is null ? null : OrderStateNames.Parse(nameof(FinalState), FinalState),
        FilledQuantity = Number(nameof(FilledQty), FilledQty) ?? 0m,
        AveragePrice = Number(nameof(AvgPrice), AvgPrice),
        BrokerOrderId = BrokerOrderId,
        BrokerStatus = BrokerStatus,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        SubmittedAt = SubmittedAt,
        LastEvent = LastEvent,
        Error = Error,
    };

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static decimal? Number(string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new TesseraValidationException(field, text, "must be an invariant decimal number");
    }

    private static T ParseEnum<T>(string field, string text)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: false, out var v) && Enum.IsDefined(v)
            ? v
            : throw new TesseraValidationException(field, text, "must be one of " + string.Join(", ", Enum.GetNames<T>()));
}
