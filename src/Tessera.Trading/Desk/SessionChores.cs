using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Alpaca.Model;
using Tessera.Core.Markets;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;
using Tessera.Trading.Safety;

namespace Tessera.Trading.Desk;

/// <summary>What a scheduled chore did, for the terminal and the host's log.</summary>
public sealed record ChoreReport(string Chore, DateTimeOffset At, bool Acted, string Detail);

/// <summary>
/// The order path's scheduled chores besides the scan and the equity poll: exit before close (every minute; SEP),
/// the daily reset at the start of a trading day (the previous day's ledger anchored, DAILY_BUDGET_RESET recorded:
/// the budget itself is derived from the day's orders, so the new day starts at zero by construction), and the daily
/// reconciliation after the close. Time is the broker's clock.
/// </summary>
public static class SessionChores
{
    /// <summary>
    /// Within the exit window (N minutes before the close, early closes included) closes every open position; a
    /// position already being closed (an open order for its symbol) is left to that order. Idempotent per minute: a
    /// second tick sees no position or an open closing order.
    /// </summary>
    public static async Task<ChoreReport> ExitBeforeCloseAsync(TradingDesk desk, string traceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var clock = await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        var minutes = desk.Profile.Session.ExitBeforeCloseMinutes;
        if (!ExitBeforeClose.IsDue(clock.Now, minutes))
        {
            return new ChoreReport("exit-before-close", clock.Now, false, "not within " + minutes.ToString(CultureInfo.InvariantCulture) + " minutes of the close");
        }

        var closing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in await desk.Broker.GetOrdersAsync(OrderStatusFilter.Open, 500, cancellationToken).ConfigureAwait(false))
        {
            closing.Add(o.Instrument.Symbol);
        }

        var closed = new JsonArray();
        foreach (var p in await desk.Broker.GetPositionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (closing.Contains(p.Instrument.Symbol))
            {
                continue;
            }

            var order = await desk.Broker.ClosePositionAsync(p.Instrument, cancellationToken).ConfigureAwait(false);
            closed.Add(new JsonObject { ["symbol"] = p.Instrument.Symbol, ["qty"] = p.Quantity.ToString(CultureInfo.InvariantCulture), ["order_id"] = order.Id });
        }

        if (closed.Count == 0)
        {
            return new ChoreReport("exit-before-close", clock.Now, false, "no position to close");
        }

        await desk.Ledger.AppendAsync(new LedgerEntry("exit_before_close", desk.AccountId, clock.Now, new JsonObject { ["minutes_before_close"] = minutes, ["closing_orders"] = closed }, desk.ConfigPin, traceId), cancellationToken).ConfigureAwait(false);
        desk.Events.Publish(new TradingEvent(EventCodes.ExitBeforeClose, EventLevel.Warning, string.Create(CultureInfo.InvariantCulture, $"closing {closed.Count} position(s) {minutes} minutes before the close"), new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["positions_closed"] = closed.Count,
            ["minutes_before_close"] = minutes,
        }));
        return new ChoreReport("exit-before-close", clock.Now, true, closed.Count.ToString(CultureInfo.InvariantCulture) + " position(s) closing");
    }

    /// <summary>Anchors the previous trading day's ledger chain (if it has blocks and no anchor) and records the new day's budget.</summary>
    public static async Task<ChoreReport> DailyResetAsync(TradingDesk desk, string traceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var clock = await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        var today = UsEastern.DateOf(clock.Now);
        var previous = NyseCalendar.PreviousSessionClosedBy(UsEastern.At(today, new TimeOnly(0, 0)))?.Date;
        var detail = "budget " + desk.Profile.Policy.DailyUsd.ToString("0.00", CultureInfo.InvariantCulture) + " USD for " + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (previous is { } day && await desk.Ledger.GetAnchorAsync(desk.AccountId, day, cancellationToken).ConfigureAwait(false) is null
            && (await desk.Ledger.ReadAsync(desk.AccountId, day, 0, 1, cancellationToken).ConfigureAwait(false)).TotalBlocks > 0)
        {
            var anchor = await desk.Ledger.AnchorAsync(desk.AccountId, day, cancellationToken).ConfigureAwait(false);
            detail += string.Create(CultureInfo.InvariantCulture, $"; anchored {day:yyyy-MM-dd}: {anchor.BlockCount} blocks, last hash {anchor.LastHash[..12]}…");
        }

        await desk.Ledger.AppendAsync(new LedgerEntry("daily_budget_reset", desk.AccountId, clock.Now, new JsonObject
        {
            ["trading_day"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["budget_usd"] = desk.Profile.Policy.DailyUsd.ToString(CultureInfo.InvariantCulture),
        }, desk.ConfigPin, traceId), cancellationToken).ConfigureAwait(false);
        desk.Events.Publish(new TradingEvent(EventCodes.DailyBudgetReset, EventLevel.Info, detail, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["budget_usd"] = desk.Profile.Policy.DailyUsd,
            ["trading_day"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }));
        return new ChoreReport("daily-reset", clock.Now, true, detail);
    }
}
