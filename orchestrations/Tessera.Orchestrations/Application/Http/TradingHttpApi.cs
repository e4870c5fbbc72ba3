using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Trading;

namespace Tessera.Orchestrations.Application.Http;

/// <summary>
/// The order path's HTTP routes (<see cref="ApiRoutes"/> Trading*), implemented once on <see cref="HttpContext"/> for
/// both hosts, with the same key check and error mapping as the runs API: halt (optionally flatten), resume (409 when
/// SOP-02 refuses it), status, orders, one day's ledger, and the start of a scan (202 with the instance's status URL,
/// or 200 when the slot already ran).
/// </summary>
public sealed class TradingHttpApi(TradingCommands commands, HttpApiSettings settings)
{
    public Task HaltAsync(HttpContext http) => RunsHttpApi.Keyed(http, ApiRoutes.TradingHalt, settings, async ct =>
    {
        var body = TradingRequests.ParseHalt(await HttpBodies.ReadBoundedAsync(http.Request, TradingRequests.MaxBodyBytes, ct).ConfigureAwait(false));
        var report = await commands.HaltAsync(body.Reason, body.Actor, body.Flatten, ct).ConfigureAwait(false);
        return new ApiAnswer(StatusCodes.Status200OK, new
        {
            halted = report.State.Stopped,
            kill_switch = report.State.KillSwitch,
            flattened = report.Flattened,
            complete = report.Complete,
            cancelled_orders = report.CancelledOrderIds,
            orders_still_open = report.OrdersStillOpen,
            closing_orders = report.ClosingOrders.Select(o => new { symbol = o.Instrument.Symbol, order_id = o.Id, status = o.Status.ToString() }),
            positions_not_closed = report.PositionsNotClosed,
        });
    });

    public Task ResumeAsync(HttpContext http) => RunsHttpApi.Keyed(http, ApiRoutes.TradingResume, settings, async ct =>
    {
        var body = TradingRequests.ParseResume(await HttpBodies.ReadBoundedAsync(http.Request, TradingRequests.MaxBodyBytes, ct).ConfigureAwait(false));
        var state = await commands.ResumeAsync(body.Reason, body.Actor, body.Approver, body.ApprovalReason, ct).ConfigureAwait(false);
        return new ApiAnswer(StatusCodes.Status200OK, new { halted = state.Stopped, reason = state.Reason, actor = state.Actor });
    });

    public Task StatusAsync(HttpContext http) => RunsHttpApi.Keyed(http, ApiRoutes.TradingStatus, settings, async ct =>
        new ApiAnswer(StatusCodes.Status200OK, await commands.StatusAsync(ct).ConfigureAwait(false)));

    public Task OrdersAsync(HttpContext http) => RunsHttpApi.Keyed(http, ApiRoutes.TradingOrders, settings, async ct =>
    {
        var limit = IntQuery(http, "limit", 50);
        return new ApiAnswer(StatusCodes.Status200OK, new { orders = await commands.OrdersAsync(limit, ct).ConfigureAwait(false) });
    });

    /// <summary>GET /api/trading/positions: the broker's open positions (symbol, side, quantity, prices, unrealized P&amp;L).</summary>
    public Task PositionsAsync(HttpContext http) => RunsHttpApi.Keyed(http, ApiRoutes.TradingPositions, settings, async ct =>
        new ApiAnswer(StatusCodes.Status200OK, new
        {
            positions = (await commands.PositionsAsync(ct).ConfigureAwait(false)).Select(p => new
            {
                symbol = p.Instrument.Symbol,
                side = p.Quantity < 0 ? "short" : "long",
                quantity = p.Quantity,
                average_entry_price = p.AverageEntryPrice,
                market_price = p.MarketPrice,
                market_value = p.MarketValue,
                unrealized_pnl = p.UnrealizedPnl,
            }),
        }));

    /// <summary>
    /// GET /api/trading/equity?days=N (1–31, default 5): the intraday equity curve the equity poll records (one point a
    /// minute, oldest first) and the session opening equities the circuit breaker measures from.
    /// </summary>
    public Task EquityAsync(HttpContext http) => RunsHttpApi.Keyed(http, ApiRoutes.TradingEquity, settings, async ct =>
    {
        var curve = await commands.EquityAsync(IntQuery(http, "days", 5), ct).ConfigureAwait(false);
        return new ApiAnswer(StatusCodes.Status200OK, new
        {
            account_id = curve.AccountId,
            days = curve.Days,
            as_of = curve.AsOf,
            resolution_seconds = 60,
            points = curve.Points.Select(p => new { at = p.At, equity = p.Equity }),
            openings = curve.Openings.Select(o => new { day = o.TradingDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), equity = o.Equity, captured_late = o.CapturedLate }),
        });
    });

    public Task LedgerAsync(HttpContext http) => RunsHttpApi.Keyed(http, ApiRoutes.TradingLedger, settings, async ct =>
    {
        DateOnly? date = null;
        if (Single(http, "date") is { } text)
        {
            date = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw new TesseraValidationException("date", text, "must be yyyy-MM-dd (New York trading day)");
        }

        var page = await commands.LedgerAsync(date, IntQuery(http, "from", 0), IntQuery(http, "limit", 100), ct).ConfigureAwait(false);
        var verification = await commands.VerifyAsync(date ?? (page.Blocks.Count > 0 ? Tessera.Core.Markets.UsEastern.DateOf(page.Blocks[0].Entry.At) : null), ct).ConfigureAwait(false);
        return new ApiAnswer(StatusCodes.Status200OK, new
        {
            total_blocks = page.TotalBlocks,
            next_index = page.NextIndex,
            verified = verification.Select(v => new { day = v.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), valid = v.Result.IsValid, first_bad_block = v.Result.FailedBlockIndex, detail = v.Result.Detail }),
            blocks = page.Blocks.Select(b => new { index = b.Index, kind = b.Entry.Kind, at = b.Entry.At, payload = b.Entry.Payload, config_pin = b.Entry.ConfigPin, trace_id = b.Entry.TraceId, hash = b.Hash, previous_hash = b.PreviousHash }),
        });
    });

    public Task ScanAsync(HttpContext http, DurableTaskClient client) => RunsHttpApi.Keyed(http, ApiRoutes.TradingScan, settings, async ct =>
    {
        var body = TradingRequests.ParseScan(await HttpBodies.ReadBoundedAsync(http.Request, TradingRequests.MaxBodyBytes, ct).ConfigureAwait(false));
        var start = await TradingCommands.StartScanAsync(client, body.Slot, ct).ConfigureAwait(false);
        return new ApiAnswer(start.Started ? StatusCodes.Status202Accepted : StatusCodes.Status200OK, new { instance_id = start.InstanceId, slot = start.Slot, started = start.Started });
    });

    /// <summary>GET /api/trading/kill-switch: the kill switch's actions on the account, in force and cleared.</summary>
    public Task KillSwitchAsync(HttpContext http) => RunsHttpApi.Keyed(http, ApiRoutes.TradingKillSwitch, settings, async ct =>
        new ApiAnswer(StatusCodes.Status200OK, new { actions = (await commands.KillSwitchActionsAsync(ct).ConfigureAwait(false)).Select(KillSwitchJson) }));

    /// <summary>POST /api/trading/kill-switch/clear {"action", "reason", "actor"?}: 200 with the chain block; 400 bad body; 409 not in force.</summary>
    public Task KillSwitchClearAsync(HttpContext http) => RunsHttpApi.Keyed(http, ApiRoutes.TradingKillSwitchClear, settings, async ct =>
    {
        var body = TradingRequests.ParseKillSwitchClear(await HttpBodies.ReadBoundedAsync(http.Request, TradingRequests.MaxBodyBytes, ct).ConfigureAwait(false));
        var report = await commands.ClearKillSwitchActionAsync(body.Action, body.Reason, body.Actor, ct).ConfigureAwait(false);
        return new ApiAnswer(StatusCodes.Status200OK, new { action = report.Action, cleared = report.Cleared.Select(KillSwitchJson), block = new { index = report.Block.Index, hash = report.Block.Hash, kind = report.Block.Entry.Kind } });
    });

    internal static object KillSwitchJson(Tessera.Trading.Safety.KillSwitchActionRecord a) => new
    {
        action = a.Name,
        active = a.Active,
        condition = a.Condition,
        firing_id = a.FiringId,
        fired_at = a.FiredAt,
        reason = a.Reason,
        block_hash = a.BlockHash,
        fraction = a.Fraction,
        symbols = a.Symbols,
        base_profile = a.BaseProfile,
        legs = a.Legs.Select(l => new { symbol = l.Symbol, side = l.Side.ToString().ToLowerInvariant(), position = l.Position, qty = l.Quantity, client_order_id = l.ClientOrderId, status = l.Status.ToString().ToLowerInvariant(), detail = l.Detail }),
        cleared_at = a.ClearedAt,
        cleared_by = a.ClearedBy,
        clear_reason = a.ClearReason,
    };

    private static string? Single(HttpContext http, string name)
    {
        var values = http.Request.Query[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new TesseraValidationException(name, null, "given more than once"),
        };
    }

    private static int IntQuery(HttpContext http, string name, int fallback) =>
        Single(http, name) is not { } text
            ? fallback
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new TesseraValidationException(name, text, "must be a non-negative integer");
}
