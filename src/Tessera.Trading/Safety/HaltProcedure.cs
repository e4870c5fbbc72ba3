using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;

namespace Tessera.Trading.Safety;

/// <summary>What a halt did, phase by phase, as the terminal, the API and the ledger report it.</summary>
public sealed record HaltReport(
    TradingSwitchState State,
    IReadOnlyList<string> CancelledOrderIds,
    IReadOnlyList<string> OrdersStillOpen,
    IReadOnlyList<BrokerOrder> ClosingOrders,
    IReadOnlyList<string> PositionsNotClosed,
    bool Flattened)
{
    /// <summary>True when every order was cancelled and every position got its closing order.</summary>
    public bool Complete => OrdersStillOpen.Count == 0 && PositionsNotClosed.Count == 0;
}

/// <summary>
/// The halt of SOP-02 (seed 000) and of Kobe81's `make halt`: set the flag, cancel all orders, close all positions,
/// alert. The seed lists the flag third; Tessera raises it FIRST so no scan submits a new order while the cancels are in
/// flight (the outcome the seed wants, without the race). Each phase is confirmed from the broker's answers (an open
/// order list re-read after the cancels, one closing order per position) and recorded in the audit ledger; a phase that
/// fails for one order or position does not stop the others, and what was left is reported and alerted.
/// </summary>
public sealed class HaltProcedure(IBroker broker, TradingSwitchStore switches, IAuditLedger ledger, ITradingEventPublisher events)
{
    private const int OpenOrderPageSize = 500;

    /// <summary>
    /// Halts the account. <paramref name="flatten"/> false (a plain manual halt) only raises the kill switch; the circuit
    /// breaker and safety mode always flatten. <paramref name="alertFields"/> are the event's extended fields (equity figures).
    /// </summary>
    public async Task<HaltReport> RunAsync(HaltRequest request, bool flatten, AuditStamp stamp, IReadOnlyDictionary<string, object?>? alertFields = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stamp);
        var state = await switches.HaltAsync(stamp.AccountId, request, cancellationToken).ConfigureAwait(false);
        await AppendAsync("halt", stamp, request.At, new JsonObject
        {
            ["source"] = request.Source.ToString(),
            ["reason"] = request.Reason,
            ["actor"] = request.Actor,
            ["flatten"] = flatten,
        }, cancellationToken).ConfigureAwait(false);

        var cancelled = new List<string>();
        var stillOpen = new List<string>();
        var closing = new List<BrokerOrder>();
        var notClosed = new List<string>();
        if (flatten)
        {
            await CancelAllAsync(cancelled, stillOpen, cancellationToken).ConfigureAwait(false);
            await AppendAsync("halt.cancel_orders", stamp, request.At, new JsonObject
            {
                ["cancelled"] = Array(cancelled),
                ["still_open"] = Array(stillOpen),
            }, cancellationToken).ConfigureAwait(false);

            await CloseAllAsync(closing, notClosed, cancellationToken).ConfigureAwait(false);
            var closed = new JsonArray();
            foreach (var o in closing)
            {
                closed.Add(new JsonObject { ["symbol"] = o.Instrument.Symbol, ["order_id"] = o.Id, ["status"] = o.Status.ToString() });
            }

            await AppendAsync("halt.close_positions", stamp, request.At, new JsonObject
            {
                ["closing_orders"] = closed,
                ["not_closed"] = Array(notClosed),
            }, cancellationToken).ConfigureAwait(false);
        }

        var report = new HaltReport(state, cancelled, stillOpen, closing, notClosed, flatten);
        Alert(request, report, alertFields);
        return report;
    }

    private async Task CancelAllAsync(List<string> cancelled, List<string> stillOpen, CancellationToken cancellationToken)
    {
        var open = await broker.GetOrdersAsync(OrderStatusFilter.Open, OpenOrderPageSize, cancellationToken).ConfigureAwait(false);
        foreach (var order in open)
        {
            try
            {
                await broker.CancelOrderAsync(order.Id, cancellationToken).ConfigureAwait(false);
                cancelled.Add(order.Id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An order that filled or expired meanwhile cannot be cancelled; the re-read below says what is left.
            }
        }

        // Confirmation: what the broker still lists as open after the cancels (a pending_cancel counts as open).
        foreach (var order in await broker.GetOrdersAsync(OrderStatusFilter.Open, OpenOrderPageSize, cancellationToken).ConfigureAwait(false))
        {
            if (order.Status != OrderStatus.PendingCancel)
            {
                stillOpen.Add(order.Id);
            }
        }
    }

    private async Task CloseAllAsync(List<BrokerOrder> closing, List<string> notClosed, CancellationToken cancellationToken)
    {
        foreach (var position in await broker.GetPositionsAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var order = await broker.ClosePositionAsync(position.Instrument, cancellationToken).ConfigureAwait(false);
                if (order.Status is OrderStatus.Rejected or OrderStatus.Canceled or OrderStatus.Expired)
                {
                    notClosed.Add(position.Instrument.Symbol);
                }
                else
                {
                    closing.Add(order);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                notClosed.Add(position.Instrument.Symbol);
            }
        }
    }

    private void Alert(HaltRequest request, HaltReport report, IReadOnlyDictionary<string, object?>? alertFields)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["halt_source"] = request.Source.ToString(),
            ["reason"] = request.Reason,
            ["actor"] = request.Actor,
            ["orders_cancelled"] = report.CancelledOrderIds.Count,
            ["orders_still_open"] = report.OrdersStillOpen.Count,
            ["positions_closing"] = report.ClosingOrders.Count,
            ["positions_not_closed"] = report.PositionsNotClosed.Count,
        };
        if (alertFields is not null)
        {
            foreach (var (k, v) in alertFields)
            {
                fields[k] = v;
            }
        }

        var (code, level) = request.Source switch
        {
            HaltSource.CircuitBreaker => (EventCodes.CircuitBreakerHalt, EventLevel.Critical),
            HaltSource.SafetyMode => (EventCodes.SafetyModeActivated, EventLevel.Critical),
            _ => (EventCodes.ManualHalt, EventLevel.Warning),
        };
        var message = string.Create(CultureInfo.InvariantCulture, $"trading halted ({request.Source}): {request.Reason}; cancelled {report.CancelledOrderIds.Count} order(s), closing {report.ClosingOrders.Count} position(s)");
        if (!report.Complete)
        {
            message += string.Create(CultureInfo.InvariantCulture, $"; NOT COMPLETE: {report.OrdersStillOpen.Count} order(s) still open, {report.PositionsNotClosed.Count} position(s) not closed");
        }

        events.Publish(new TradingEvent(code, level, message, fields));
    }

    private Task AppendAsync(string kind, AuditStamp stamp, DateTimeOffset at, JsonObject payload, CancellationToken cancellationToken) =>
        ledger.AppendAsync(new LedgerEntry(kind, stamp.AccountId, at, payload, stamp.ConfigPin, stamp.TraceId), cancellationToken);

    private static JsonArray Array(List<string> values)
    {
        var a = new JsonArray();
        foreach (var v in values)
        {
            a.Add(v);
        }

        return a;
    }
}
