using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;

namespace Tessera.Trading.Orders;

/// <summary>Turns record changes into ledger entries and trading events (one entry per transition, in order).</summary>
internal sealed class OrderAudit(IAuditLedger ledger, ITradingEventPublisher events, OrderManagerOptions options)
{
    public async Task RecordStepsAsync(OrderState from, IReadOnlyList<OrderState> steps, OrderRecord record, CancellationToken cancellationToken)
    {
        var previous = from;
        foreach (var step in steps)
        {
            await AppendAsync(OrderLedgerKinds.Transition, previous, step, record, cancellationToken).ConfigureAwait(false);
            Publish(step, record);
            previous = step;
        }
    }

    public async Task RecordFillUpdateAsync(OrderRecord record, CancellationToken cancellationToken)
    {
        await AppendAsync(OrderLedgerKinds.FillUpdate, record.State, record.State, record, cancellationToken).ConfigureAwait(false);
        if (record.State == OrderState.PartiallyFilled)
        {
            Publish(record.State, record);
        }
    }

    public Task RecordAdoptionAsync(OrderState? from, OrderRecord record, string difference, CancellationToken cancellationToken)
    {
        var payload = Payload(from, record.State, record);
        payload["difference"] = difference;
        return ledger.AppendAsync(new LedgerEntry(OrderLedgerKinds.Adopted, options.AccountId, record.UpdatedAt, payload, options.ConfigPin, record.DecisionId), cancellationToken);
    }

    private Task<LedgerBlock> AppendAsync(string kind, OrderState from, OrderState to, OrderRecord record, CancellationToken cancellationToken) =>
        ledger.AppendAsync(new LedgerEntry(kind, options.AccountId, record.UpdatedAt, Payload(from, to, record), options.ConfigPin, record.DecisionId), cancellationToken);

    private void Publish(OrderState state, OrderRecord record)
    {
        if (OrderEventCodes.For(state) is not { } code)
        {
            return;
        }

        var level = state is OrderState.Rejected or OrderState.SubmissionUnknown ? EventLevel.Warning : EventLevel.Info;
        var message = string.Create(CultureInfo.InvariantCulture, $"{record.Side} {record.Symbol} {record.Quantity} ({record.ClientOrderId}): {OrderStateNames.Wire(state)}, filled {record.FilledQuantity}");
        events.Publish(new TradingEvent(code, level, message, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ticker"] = record.Symbol,
            ["side"] = record.Side.ToString().ToLowerInvariant(),
            ["qty"] = record.Quantity,
            ["limit_price"] = record.LimitPrice,
            ["filled_qty"] = record.FilledQuantity,
            ["avg_price"] = record.AveragePrice,
            ["decision_id"] = record.DecisionId,
            ["client_order_id"] = record.ClientOrderId,
            ["broker_order_id"] = record.BrokerOrderId,
            ["state"] = OrderStateNames.Wire(state),
            ["error"] = record.Error,
        }));
    }

    private static JsonObject Payload(OrderState? from, OrderState to, OrderRecord r) => new()
    {
        ["decision_id"] = r.DecisionId,
        ["client_order_id"] = r.ClientOrderId,
        ["broker_order_id"] = r.BrokerOrderId,
        ["symbol"] = r.Symbol,
        ["side"] = r.Side.ToString().ToLowerInvariant(),
        ["qty"] = r.Quantity,
        ["limit_price"] = r.LimitPrice,
        ["from"] = from is { } f ? OrderStateNames.Wire(f) : null,
        ["to"] = OrderStateNames.Wire(to),
        ["filled_qty"] = r.FilledQuantity,
        ["avg_price"] = r.AveragePrice,
        ["broker_status"] = r.BrokerStatus,
        ["source"] = r.LastEvent,
        ["chase_unfilled"] = r.ChaseUnfilled,
        ["error"] = r.Error,
    };
}
