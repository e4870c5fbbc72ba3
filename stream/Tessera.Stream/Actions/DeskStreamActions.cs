using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Rest;
using Tessera.Core.Streaming;
using Tessera.Stream.Engine;
using Tessera.Stream.Persistence;
using Tessera.Trading.Decisions;
using Tessera.Trading.Desk;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;

namespace Tessera.Stream.Actions;

/// <summary>
/// The engine's side effects on the order path of one account (<see cref="TradingDesk"/>).
/// Stop exits: the decision pipeline decides a reducing <see cref="TargetOrder"/> (kill switch, halt, market closed,
/// order pending, nothing to exit and crosses-zero all apply), with the triggering trade as the quote: an exit must
/// never wait for a quote, so the quote gates (missing_quote, stale_quote) are satisfied by the trade, and the ledger's
/// decision block says so (<c>bypassed_gates</c>). The IOC limit is then the trade price x the profile's sell (or buy)
/// multiplier. The decision is a ledger block before the order manager submits it exactly once.
/// Safety flatten: DELETE /v2/orders, then DELETE /v2/positions?cancel_orders=true, each confirmed by the per-item
/// status of the broker's 207 answer, each phase a ledger block, then ORDERS_CANCELLED, POSITIONS_CLOSED and
/// SAFETY_MODE_ACTIVATED (critical: P1 in the alerting policy).
/// </summary>
public sealed class DeskStreamActions(TradingDesk desk, AlpacaTradingClient trading, StopStore stops, Action dropConnection) : IStreamActions
{
    public static IReadOnlyList<string> BypassedGates { get; } = ["missing_quote", "stale_quote"];

    public async Task<StopExitResult> ExitAsync(StopExit exit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exit);
        var switches = await desk.Switches.GetAsync(desk.AccountId, cancellationToken).ConfigureAwait(false);
        var side = exit.PositionQuantity > 0 ? OrderSide.Sell : OrderSide.Buy;
        var price = (double)exit.TradePrice;
        var market = new MarketSnapshot { Bid = price, Ask = price, QuoteTime = exit.TradeTime, LastPrice = price };
        var account = new AccountSnapshot
        {
            // Reductions read no budget, equity or buying power (DecisionPipeline); only the position matters.
            Equity = 0m,
            Cash = 0m,
            BuyingPower = 0m,
            Positions = new Dictionary<string, decimal>(StringComparer.Ordinal) { [exit.Symbol] = exit.PositionQuantity },
        };
        var result = desk.Pipeline.Decide(new DecisionRequest(new TargetOrder(exit.Symbol, side, exit.Quantity, "virtual_stop"), market, account, new SafetyState(switches.KillSwitch, switches.Halted), exit.TradeTime));
        var d = result.Decision;
        var traceId = "stream-" + d.DecisionId;
        await desk.Ledger.AppendAsync(new LedgerEntry("decision", desk.AccountId, exit.TradeTime, Payload(exit, result), desk.ConfigPin, traceId), cancellationToken).ConfigureAwait(false);
        if (result.Intent is not { } intent)
        {
            desk.Events.Publish(new TradingEvent(EventCodes.OrderVetoed, EventLevel.Warning, exit.Symbol + " virtual stop exit vetoed: " + d.Veto + " (" + d.Detail + ")", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [EventFields.DecisionId] = d.DecisionId,
                [EventFields.Ticker] = exit.Symbol,
                [EventFields.VetoReason] = d.Veto,
            }));
            return new StopExitResult(false, null, d.Veto, d.Detail);
        }

        var submission = await desk.Orders.SubmitAsync(intent, result.ChaseUnfilled, cancellationToken).ConfigureAwait(false);
        desk.Events.Publish(new TradingEvent(EventCodes.VirtualStopTriggered, EventLevel.Warning, string.Create(CultureInfo.InvariantCulture, $"{exit.Symbol} traded {exit.TradePrice} through virtual stop {exit.Triggers[0].Stop.StopPrice}: IOC {intent.Side.ToString().ToLowerInvariant()} {intent.Quantity} limit {intent.LimitPrice} ({submission.Outcome})"), new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [EventFields.Ticker] = exit.Symbol,
            ["stop_price"] = exit.Triggers[0].Stop.StopPrice,
            ["trade_price"] = exit.TradePrice,
            ["stop_ids"] = string.Join(",", exit.Triggers.Select(t => t.Stop.Id)),
            [EventFields.DecisionId] = d.DecisionId,
            ["client_order_id"] = intent.ClientOrderId,
        }));
        return new StopExitResult(true, intent.ClientOrderId, null, submission.Outcome.ToString());
    }

    public async Task<FlattenResult> FlattenAsync(HeartbeatBreach breach, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(breach);
        var traceId = "stream-safety-" + breach.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var result = await CancelAndCloseAsync("safety_mode", "safety mode", breach.At, breach.Detail, traceId, cancellationToken).ConfigureAwait(false);
        var message = "safety mode activated (" + breach.Kind + ": " + breach.Detail + "); cancelled " + result.OrdersCancelled.ToString(CultureInfo.InvariantCulture) + " order(s), closing " + result.PositionsClosing.ToString(CultureInfo.InvariantCulture) + " position(s)";
        if (!result.Complete)
        {
            message += "; NOT COMPLETE: " + result.OrdersNotCancelled.ToString(CultureInfo.InvariantCulture) + " order(s) not cancelled, not closed: " + string.Join(", ", result.PositionsNotClosed);
        }

        desk.Events.Publish(new TradingEvent(EventCodes.SafetyModeActivated, EventLevel.Critical, message, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ws_lag_ms"] = breach.Measured.TotalMilliseconds,
            ["breach"] = breach.Kind.ToString(),
            ["orders_cancelled"] = result.OrdersCancelled,
            ["positions_closing"] = result.PositionsClosing,
            ["positions_not_closed"] = result.PositionsNotClosed.Count,
        }));
        return result;
    }

    /// <summary>Fast exit: the same cancel-all and close-all as the safety flatten, recorded as fast_exit.* ledger blocks.</summary>
    public Task<FlattenResult> FastExitAsync(FastExitTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var traceId = "stream-fast-exit-" + trigger.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var reason = string.Create(CultureInfo.InvariantCulture, $"regime {trigger.Regime}, {trigger.Symbol} slope {trigger.Slope:R} per bar over {trigger.Bars} bars < {trigger.Threshold:R}");
        return CancelAndCloseAsync("fast_exit", "fast exit", trigger.At, reason, traceId, cancellationToken);
    }

    /// <summary>DELETE /v2/orders, then DELETE /v2/positions?cancel_orders=true, each confirmed per item and written as a ledger block.</summary>
    private async Task<FlattenResult> CancelAndCloseAsync(string kind, string label, DateTimeOffset at, string reason, string traceId, CancellationToken cancellationToken)
    {
        var cancelled = new JsonArray();
        var notCancelled = new JsonArray();
        try
        {
            foreach (var r in await trading.CancelAllOrdersAsync(cancellationToken).ConfigureAwait(false))
            {
                (r.Status is >= 200 and < 300 ? cancelled : notCancelled).Add(r.Id);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            notCancelled.Add("cancel all failed: " + e.GetType().Name);
        }

        await Append(kind + ".cancel_orders", at, new JsonObject { ["cancelled"] = cancelled, ["not_cancelled"] = notCancelled, ["reason"] = reason }, traceId, cancellationToken).ConfigureAwait(false);
        desk.Events.Publish(new TradingEvent(EventCodes.OrdersCancelled, EventLevel.Warning, label + ": " + cancelled.Count.ToString(CultureInfo.InvariantCulture) + " order(s) cancelled", new Dictionary<string, object?>(StringComparer.Ordinal) { ["orders_cancelled"] = cancelled.Count }));

        var closing = new JsonArray();
        var notClosed = new List<string>();
        try
        {
            foreach (var r in await trading.CloseAllPositionsAsync(cancelOrders: true, cancellationToken).ConfigureAwait(false))
            {
                if (r.Status is >= 200 and < 300)
                {
                    closing.Add(r.Symbol);
                }
                else
                {
                    notClosed.Add(r.Symbol);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            notClosed.Add("close all failed: " + e.GetType().Name);
        }

        await Append(kind + ".close_positions", at, new JsonObject { ["closing"] = closing, ["not_closed"] = new JsonArray([.. notClosed.Select(s => (JsonNode?)s)]) }, traceId, cancellationToken).ConfigureAwait(false);
        desk.Events.Publish(new TradingEvent(EventCodes.PositionsClosed, EventLevel.Warning, label + ": " + closing.Count.ToString(CultureInfo.InvariantCulture) + " position(s) closing", new Dictionary<string, object?>(StringComparer.Ordinal) { ["positions_closed"] = closing.Count }));

        return new FlattenResult(cancelled.Count, notCancelled.Count, closing.Count, notClosed);
    }

    public async Task<bool> TradingStoppedAsync(CancellationToken cancellationToken) =>
        (await desk.Switches.GetAsync(desk.AccountId, cancellationToken).ConfigureAwait(false)).Stopped;

    public void DropConnection() => dropConnection();

    public Task PersistStopAsync(VirtualStop stop, bool armed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stop);
        return armed ? stops.SaveAsync(desk.AccountId, stop, cancellationToken) : stops.DeleteAsync(desk.AccountId, stop.Id, cancellationToken);
    }

    private Task Append(string kind, DateTimeOffset at, JsonObject payload, string traceId, CancellationToken cancellationToken) =>
        desk.Ledger.AppendAsync(new LedgerEntry(kind, desk.AccountId, at, payload, desk.ConfigPin, traceId), cancellationToken);

    private static JsonObject Payload(StopExit exit, DecisionResult result)
    {
        var d = result.Decision;
        var stopIds = new JsonArray();
        foreach (var t in exit.Triggers)
        {
            stopIds.Add(t.Stop.Id);
        }

        var payload = new JsonObject
        {
            ["source"] = "virtual_stop",
            ["decision_id"] = d.DecisionId,
            ["ticker"] = d.Symbol,
            ["outcome"] = d.Outcome.ToString().ToUpperInvariant(),
            ["veto_reason"] = d.Veto,
            ["detail"] = d.Detail,
            ["profile"] = result.ProfileName,
            ["stop_ids"] = stopIds,
            ["stop_price"] = exit.Triggers[0].Stop.StopPrice.ToString(CultureInfo.InvariantCulture),
            ["trade_price"] = exit.TradePrice.ToString(CultureInfo.InvariantCulture),
            ["trade_time"] = exit.TradeTime.ToString("O", CultureInfo.InvariantCulture),
            ["position_qty"] = exit.PositionQuantity.ToString(CultureInfo.InvariantCulture),
            ["bypassed_gates"] = new JsonArray([.. BypassedGates.Select(g => (JsonNode?)g)]),
            ["bypass_reason"] = "an exit never waits for a quote: the triggering trade is the quote",
        };
        if (d.Intent is { } i)
        {
            payload["client_order_id"] = i.ClientOrderId;
            payload["side"] = i.Side.ToString().ToLowerInvariant();
            payload["qty"] = i.Quantity?.ToString(CultureInfo.InvariantCulture);
            payload["type"] = i.Type.ToString().ToLowerInvariant();
            payload["time_in_force"] = i.TimeInForce.ToString().ToLowerInvariant();
            payload["limit_price"] = i.LimitPrice?.ToString(CultureInfo.InvariantCulture);
        }

        return payload;
    }
}
