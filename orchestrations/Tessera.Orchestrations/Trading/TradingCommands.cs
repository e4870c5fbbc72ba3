using System.Globalization;
using Microsoft.DurableTask.Client;
using Tessera.Core.Errors;
using Tessera.Core.Markets;
using Tessera.Trading.Desk;
using Tessera.Trading.Ledger;
using Tessera.Trading.Orders;
using Tessera.Trading.Safety;
using Tessera.Trading.Scan;

namespace Tessera.Orchestrations.Trading;

/// <summary>A scan start: the instance id and whether this call started it (false: the slot already ran or runs).</summary>
public sealed record ScanStart(string InstanceId, string Slot, bool Started);

/// <summary>
/// The order path's application commands, called identically by the CLI, the local HTTP API, the local scheduler and
/// the Functions app (HTTP and timer triggers): each opens the desk, does one thing, and returns a record the host
/// prints or serializes. Hosts translate; nothing here knows about HTTP or terminals.
/// </summary>
public sealed class TradingCommands(TradingServices services, TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    public Task<TradingDesk> OpenDeskAsync(CancellationToken cancellationToken) => services.OpenDeskAsync(cancellationToken);

    /// <summary>Starts the scan of <paramref name="slot"/> unless that slot's instance exists (any status): a slot runs once.</summary>
    public static async Task<ScanStart> StartScanAsync(DurableTaskClient client, string slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ValidateSlot(slot);
        var instanceId = TradingSteps.InstanceId(slot);
        if (await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return new ScanStart(instanceId, slot, false);
        }

        try
        {
            // Dedupe on every status: two timers (or a timer and an operator) racing on one slot start it once.
            await client.ScheduleNewOrchestrationInstanceAsync(TradingSteps.Orchestrator, new ScanInput(slot, instanceId), Application.RunService.NeverReplace(instanceId), cancellationToken).ConfigureAwait(false);
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            return new ScanStart(instanceId, slot, false);
        }

        return new ScanStart(instanceId, slot, true);
    }

    /// <summary>The scan timer's tick: the slot due at the broker's time (New York scan times, computed in code), started once.</summary>
    public async Task<ScanStart?> ScanTickAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var desk = await OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        var market = await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        var scan = desk.Configuration.Scan;
        var due = ScanSlots.Due(market.Now, ScanSlots.Parse(scan.Times), TimeSpan.FromMinutes(scan.MaxLatenessMinutes));
        return due is null ? null : await StartScanAsync(client, due.Id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HaltReport> HaltAsync(string reason, string actor, bool flatten, CancellationToken cancellationToken)
    {
        var desk = await OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        var market = await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        return await desk.Halt.RunAsync(new HaltRequest(HaltSource.Manual, Text("reason", reason), Text("actor", actor), market.Now), flatten, desk.Stamp(TraceId("halt")), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<TradingSwitchState> ResumeAsync(string reason, string actor, string? approver, string? approvalReason, CancellationToken cancellationToken)
    {
        var desk = await OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        var market = await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        var request = new ResumeRequest(Text("reason", reason), Text("actor", actor), market.Now, Optional("approver", approver), Optional("approval_reason", approvalReason));
        return await desk.Resume.RunAsync(request, desk.Stamp(TraceId("resume")), cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeskStatus> StatusAsync(CancellationToken cancellationToken) =>
        await DeskStatusReader.ReadAsync(await OpenDeskAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The account's open positions as the broker reports them.</summary>
    public async Task<IReadOnlyList<Tessera.Alpaca.Broker.BrokerPosition>> PositionsAsync(CancellationToken cancellationToken) =>
        await (await OpenDeskAsync(cancellationToken).ConfigureAwait(false)).Broker.GetPositionsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The equity curve of the last <paramref name="days"/> days (broker clock) and the session openings in that range.</summary>
    public async Task<EquityCurve> EquityAsync(int days, CancellationToken cancellationToken)
    {
        var desk = await OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        var now = (await desk.ClockAsync(cancellationToken).ConfigureAwait(false)).Now;
        var points = await desk.EquityHistory.RecentAsync(desk.AccountId, now, days, cancellationToken).ConfigureAwait(false);
        var first = DateOnly.FromDateTime((now - TimeSpan.FromDays(days)).UtcDateTime);
        var openings = (await desk.Openings.HistoryAsync(desk.AccountId, cancellationToken).ConfigureAwait(false)).Where(o => o.TradingDay >= first).ToList();
        return new EquityCurve(desk.AccountId, days, now, points, openings);
    }

    public async Task<IReadOnlyList<OrderRecord>> OrdersAsync(int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 500)
        {
            throw new TesseraValidationException("limit", limit.ToString(CultureInfo.InvariantCulture), "must be in 1..500");
        }

        var desk = await OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        var all = await desk.Orders.Orders.ListAsync(desk.AccountId, cancellationToken).ConfigureAwait(false);
        return [.. all.Select(s => s.Record).OrderByDescending(r => r.CreatedAt).Take(limit)];
    }

    /// <summary>A page of one day's ledger (New York trading day; default: the broker's today).</summary>
    public async Task<LedgerPage> LedgerAsync(DateOnly? date, long from, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            throw new TesseraValidationException("limit", limit.ToString(CultureInfo.InvariantCulture), "must be in 1..1000");
        }

        if (from < 0)
        {
            throw new TesseraValidationException("from", from.ToString(CultureInfo.InvariantCulture), "must be >= 0");
        }

        var desk = await OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        var day = date ?? UsEastern.DateOf((await desk.ClockAsync(cancellationToken).ConfigureAwait(false)).Now);
        return await desk.Ledger.ReadAsync(desk.AccountId, day, from, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Recomputes every chain (one day, or every day the account has) and names the first bad block of each bad one.</summary>
    public async Task<IReadOnlyList<(DateOnly Day, LedgerVerification Result)>> VerifyAsync(DateOnly? date, CancellationToken cancellationToken)
    {
        var desk = await OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        var days = new List<DateOnly>();
        if (date is { } d)
        {
            days.Add(d);
        }
        else
        {
            await foreach (var day in desk.Ledger.ListDaysAsync(desk.AccountId, cancellationToken).ConfigureAwait(false))
            {
                days.Add(day);
            }
        }

        var results = new List<(DateOnly, LedgerVerification)>(days.Count);
        foreach (var day in days)
        {
            results.Add((day, await desk.Ledger.VerifyAsync(desk.AccountId, day, cancellationToken).ConfigureAwait(false)));
        }

        return results;
    }

    /// <summary>The kill switch's actions on the account (in force and cleared), newest firing last.</summary>
    public async Task<IReadOnlyList<KillSwitchActionRecord>> KillSwitchActionsAsync(CancellationToken cancellationToken)
    {
        var desk = await OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        return await desk.KillSwitchActions.ListAsync(desk.AccountId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Clears a kill-switch action in force (halt_adds, de_risk, switch_to_base_profile, restrict_to_etfs): reason
    /// required, recorded in the governance chain. A host without config/kill_switch.yaml has nothing to clear (typed
    /// error); an action not in force is a <see cref="KillSwitchClearRefusedException"/>.
    /// </summary>
    public async Task<KillSwitchClearReport> ClearKillSwitchActionAsync(string action, string reason, string actor, CancellationToken cancellationToken)
    {
        KillSwitchActionNames.Parse(action);
        var why = Text("reason", reason);
        var who = Text("actor", actor);
        var desk = await OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        var enforcer = desk.EquityPoll.KillSwitch?.Enforcer
            ?? throw new TesseraValidationException("action", action, "this host has no kill-switch matrix (config/kill_switch.yaml beside the trading configuration): nothing to clear");
        var market = await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        return await enforcer.ClearAsync(action, who, why, market.Now, desk.Stamp(TraceId("kill-switch-clear")), cancellationToken).ConfigureAwait(false);
    }

    public async Task<EquityPollOutcome> EquityPollAsync(CancellationToken cancellationToken)
    {
        var desk = await OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        return await desk.EquityPoll.TickAsync(desk.Stamp(TraceId("equity-poll")), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ChoreReport> ExitBeforeCloseAsync(CancellationToken cancellationToken) =>
        await SessionChores.ExitBeforeCloseAsync(await OpenDeskAsync(cancellationToken).ConfigureAwait(false), TraceId("exit-before-close"), cancellationToken).ConfigureAwait(false);

    public async Task<ChoreReport> DailyResetAsync(CancellationToken cancellationToken) =>
        await SessionChores.DailyResetAsync(await OpenDeskAsync(cancellationToken).ConfigureAwait(false), TraceId("daily-reset"), cancellationToken).ConfigureAwait(false);

    public async Task<ReconciliationReport> ReconcileAsync(bool repair, CancellationToken cancellationToken)
    {
        var desk = await OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        return await new OrderReconciler(desk.Orders).ReconcileAsync(repair: repair, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Scan slots are day-and-time ids (20240313-0935) or operator-chosen ids: lowercase letters, digits, '-', 1-48 characters.</summary>
    public static void ValidateSlot(string? slot)
    {
        if (string.IsNullOrEmpty(slot) || slot.Length > 48 || !slot.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new TesseraValidationException("slot", slot, "1-48 characters: a-z, 0-9 or '-'");
        }
    }

    private string TraceId(string operation) => operation + "-" + clock.GetUtcNow().ToString("yyyyMMddTHHmmssfffZ", CultureInfo.InvariantCulture);

    private static string Text(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new TesseraValidationException(field, value, "is required");
        }

        if (value.Length > MaxReasonLength || value.Any(char.IsControl))
        {
            throw new TesseraValidationException(field, value.Length > 40 ? value[..40] + "…" : value, $"at most {MaxReasonLength} characters, no control characters");
        }

        return value;
    }

    private static string? Optional(string field, string? value) => string.IsNullOrEmpty(value) ? null : Text(field, value);
}

/// <summary>What GET /api/trading/equity answers: the minute points and the session openings of the range.</summary>
public sealed record EquityCurve(string AccountId, int Days, DateTimeOffset AsOf, IReadOnlyList<EquityPoint> Points, IReadOnlyList<SessionOpeningEquity> Openings);
