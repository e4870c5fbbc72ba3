using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Alpaca.Model;
using Tessera.Core.Determinism;
using Tessera.Core.Governance;
using Tessera.Core.Markets;
using Tessera.Trading.Decisions;
using Tessera.Trading.Desk;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;

namespace Tessera.Trading.Safety;

/// <summary>
/// Executes a kill-switch firing's actions on the desk's order path, and clears them:
/// <list type="bullet">
/// <item>halt_adds, restrict_to_etfs, switch_to_base_profile: a row in <see cref="KillSwitchActionStore"/> that every
/// decision reads (<see cref="DeskKillSwitch"/>): the pipeline's kill_switch_halt_adds / kill_switch_restricted vetoes,
/// and sizing with the base profile;</item>
/// <item>de_risk: a plan of one reduce order per open position (|position| × fraction, whole shares rounded down),
/// persisted before anything is sent, each order decided by the pipeline (state and quote gates) and submitted through
/// the order manager under a client order id derived from the firing (account, condition, New York day, symbol), so
/// a re-evaluation or a restart re-uses the same id and the order manager's idempotency returns the recorded outcome
/// instead of sending again. A leg the pipeline vetoes (a stale quote, order pending) is decided again on the next
/// poll of the firing's day and abandoned (recorded) when the day ends; a leg sent is never sent again;</item>
/// <item>notify_and_record: KILL_SWITCH_FIRED through the alerting publisher (the firing is already in the chain).</item>
/// </list>
/// Clearing (an operator, reason required) is appended to the governance chain (<c>governance.kill_switch_clear</c>)
/// and published as KILL_SWITCH_CLEARED.
/// </summary>
public sealed class KillSwitchEnforcer(TradingDesk desk, KillSwitchActionStore store, GovernanceChain chain, KillSwitchConfig config)
{
    public const string ClearKind = "governance.kill_switch_clear";
    public const string DeRiskSource = "kill_switch_de_risk";

    public KillSwitchActionStore Store { get; } = store;

    /// <summary>The firing id: the same for a condition on one account and New York day, in every process.</summary>
    public static string FiringId(string accountId, KillSwitchCondition condition, DateOnly day) =>
        "KS_" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "_" + Sha256Hex.Of(accountId + "\n" + KillSwitchFormat.Condition(condition) + "\n" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))[..12].ToUpperInvariant();

    /// <summary>The client order id of one de-risk leg: derived from the firing and the symbol only (never from a quote or a time).</summary>
    public static string LegClientOrderId(string firingId, string symbol) => firingId + "_DR_" + TradingSymbol.ForId(symbol);

    /// <summary>Puts the firing's actions in force; returns one line per action as executed.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(KillSwitchFiring firing, string firingId, string blockHash, DateTimeOffset now, AuditStamp stamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firing);
        ArgumentException.ThrowIfNullOrEmpty(blockHash);
        var done = new List<string>();
        var condition = KillSwitchFormat.Condition(firing.Condition);
        foreach (var action in firing.Actions)
        {
            var record = new KillSwitchActionRecord(desk.AccountId, action.Kind, true, condition, firingId, now, firing.Reason, blockHash);
            switch (action.Kind)
            {
                case KillSwitchActionKind.HaltAdds:
                    await Store.ActivateAsync(record, cancellationToken).ConfigureAwait(false);
                    done.Add("halt_adds in force");
                    break;
                case KillSwitchActionKind.RestrictToList:
                    await Store.ActivateAsync(record with { Symbols = action.Symbols }, cancellationToken).ConfigureAwait(false);
                    done.Add("entries restricted to " + string.Join(",", action.Symbols ?? []));
                    break;
                case KillSwitchActionKind.SwitchToBaseProfile:
                    var profile = config.BaseProfile ?? throw new InvalidOperationException("switch_to_base_profile without base_profile: KillSwitchConfig refuses such a file");
                    desk.Configuration.Profile(profile); // a typed error if the trading configuration lost it since start
                    await Store.ActivateAsync(record with { BaseProfile = profile }, cancellationToken).ConfigureAwait(false);
                    done.Add("sizing with profile " + profile);
                    break;
                case KillSwitchActionKind.DeRisk:
                    var plan = await PlanAsync(firingId, action.Fraction!.Value, cancellationToken).ConfigureAwait(false);
                    var row = await Store.ActivateAsync(record with { Fraction = action.Fraction, Legs = plan, Active = plan.Count > 0 }, cancellationToken).ConfigureAwait(false);
                    var legs = await ExecuteAsync(row, now, stamp, cancellationToken).ConfigureAwait(false);
                    done.Add(string.Create(CultureInfo.InvariantCulture, $"de_risk {action.Fraction * 100:0.#}%: {legs.Count(l => l.Status == DeRiskLegStatus.Submitted)} of {legs.Count} reduce orders sent"));
                    break;
                default:
                    desk.Events.Publish(new TradingEvent(EventCodes.KillSwitchFired, EventLevel.Critical, "kill switch " + condition + ": " + firing.Reason + "; actions " + KillSwitchFormat.Actions(firing.Actions), new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["condition"] = condition,
                        ["measured"] = firing.Measured,
                        ["threshold"] = firing.Threshold,
                        ["actions"] = KillSwitchFormat.Actions(firing.Actions),
                        ["firing_id"] = firingId,
                        ["block_hash"] = blockHash,
                    }));
                    done.Add("notified");
                    break;
            }
        }

        return done;
    }

    /// <summary>
    /// The poll's follow-up: every de-risk still in force decides its open legs again (same ids), or — once the
    /// firing's New York day is over — abandons them and goes out of force (recorded on the row).
    /// </summary>
    public async Task<IReadOnlyList<DeRiskLeg>> ContinueAsync(DateTimeOffset now, AuditStamp stamp, CancellationToken cancellationToken)
    {
        var touched = new List<DeRiskLeg>();
        foreach (var row in await Store.ListAsync(desk.AccountId, cancellationToken).ConfigureAwait(false))
        {
            if (row.Kind != KillSwitchActionKind.DeRisk || !row.Active)
            {
                continue;
            }

            if (UsEastern.DateOf(row.FiredAt) != UsEastern.DateOf(now))
            {
                var abandoned = row.Legs.Select(l => l.Status is DeRiskLegStatus.Planned or DeRiskLegStatus.Vetoed ? l with { Status = DeRiskLegStatus.Abandoned, Detail = "the firing's trading day ended; last: " + l.Detail } : l).ToList();
                await Store.UpdateLegsAsync(desk.AccountId, row.FiringId, abandoned, cancellationToken).ConfigureAwait(false);
                touched.AddRange(abandoned);
                continue;
            }

            touched.AddRange(await ExecuteAsync(row, now, stamp, cancellationToken).ConfigureAwait(false));
        }

        return touched;
    }

    /// <summary>Clears an action in force (an operator with a reason): recorded in the governance chain, then published.</summary>
    public async Task<KillSwitchClearReport> ClearAsync(string action, string actor, string reason, DateTimeOffset now, AuditStamp stamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        var kind = KillSwitchActionNames.Parse(action);
        var cleared = await Store.ClearAsync(desk.AccountId, kind, actor, reason, now, cancellationToken).ConfigureAwait(false);
        var payload = new JsonObject
        {
            ["action"] = KillSwitchActionNames.Of(kind),
            ["account"] = desk.AccountId,
            ["actor"] = actor,
            ["reason"] = reason,
            ["firings"] = new JsonArray([.. cleared.Select(c => (JsonNode)JsonValue.Create(c.FiringId))]),
            ["trading_config_pin"] = stamp.ConfigPin,
        };
        var block = await chain.AppendAsync(ClearKind, now, payload, config.Pin, stamp.TraceId, cancellationToken).ConfigureAwait(false);
        desk.Events.Publish(new TradingEvent(EventCodes.KillSwitchCleared, EventLevel.Warning, "kill-switch action " + KillSwitchActionNames.Of(kind) + " cleared by " + actor + ": " + reason, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["action"] = KillSwitchActionNames.Of(kind),
            ["actor"] = actor,
            ["reason"] = reason,
            ["block_hash"] = block.Hash,
        }));
        return new KillSwitchClearReport(KillSwitchActionNames.Of(kind), cleared, block);
    }

    /// <summary>One leg per open position at the broker, in symbol order; positions too small to cut are left out.</summary>
    private async Task<IReadOnlyList<DeRiskLeg>> PlanAsync(string firingId, double fraction, CancellationToken cancellationToken)
    {
        var legs = new List<DeRiskLeg>();
        var positions = await desk.Broker.GetPositionsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var p in positions.OrderBy(p => p.Instrument.Symbol, StringComparer.Ordinal))
        {
            var qty = KillSwitchMeasures.DeRiskQuantity(p.Quantity, fraction, desk.Profile.FractionalShares);
            if (qty > 0)
            {
                legs.Add(new DeRiskLeg(p.Instrument.Symbol, p.Quantity > 0 ? OrderSide.Sell : OrderSide.Buy, p.Quantity, qty, LegClientOrderId(firingId, p.Instrument.Symbol), DeRiskLegStatus.Planned, null));
            }
        }

        return legs;
    }

    /// <summary>Decides and submits the open legs of one de-risk; persists every leg's new status.</summary>
    private async Task<IReadOnlyList<DeRiskLeg>> ExecuteAsync(KillSwitchActionRecord row, DateTimeOffset now, AuditStamp stamp, CancellationToken cancellationToken)
    {
        var open = row.Legs.Where(l => l.Status is DeRiskLegStatus.Planned or DeRiskLegStatus.Vetoed).Select(l => l.Symbol).ToList();
        if (open.Count == 0)
        {
            return row.Legs;
        }

        var quotes = desk.Parts.MarketData is { } data
            ? await data.GetLatestQuotesAsync(open, cancellationToken: cancellationToken).ConfigureAwait(false)
            : new Dictionary<string, Alpaca.Model.Quote>();
        var switches = await desk.Switches.GetAsync(desk.AccountId, cancellationToken).ConfigureAwait(false);
        var streamSafety = await StreamSafetyGate.BlocksAsync(desk.Parts.Tables, desk.AccountId, now, cancellationToken).ConfigureAwait(false);
        var safety = new SafetyState(switches.KillSwitch, switches.Halted, streamSafety);
        var account = await AccountSnapshots.ReadAsync(desk, now, cancellationToken).ConfigureAwait(false);
        var legs = new List<DeRiskLeg>(row.Legs.Count);
        foreach (var leg in row.Legs)
        {
            if (leg.Status is not (DeRiskLegStatus.Planned or DeRiskLegStatus.Vetoed))
            {
                legs.Add(leg);
                continue;
            }

            // The order manager knows this id already (a process died after sending, before the row was updated): never send again.
            var known = await desk.Orders.Orders.GetAsync(desk.AccountId, leg.ClientOrderId, cancellationToken).ConfigureAwait(false);
            if (known is not null)
            {
                legs.Add(leg with { Status = DeRiskLegStatus.Submitted, Detail = "already recorded by the order manager: " + OrderStateNames(known.Record) });
                continue;
            }

            var held = account.PositionOf(leg.Symbol);
            var reducible = leg.Side == OrderSide.Sell ? held : -held;
            if (reducible <= 0)
            {
                legs.Add(leg with { Status = DeRiskLegStatus.Abandoned, Detail = "the position is gone" });
                continue;
            }

            var qty = Math.Min(leg.Quantity, reducible);
            quotes.TryGetValue(leg.Symbol, out var q);
            var market = new MarketSnapshot
            {
                Bid = q is null ? null : (double)q.BidPrice,
                Ask = q is null ? null : (double)q.AskPrice,
                QuoteTime = q?.Timestamp,
            };
            var result = desk.Pipeline.Decide(new DecisionRequest(new TargetOrder(leg.Symbol, leg.Side, qty, DeRiskSource), market, account, safety, now));
            await desk.Ledger.AppendAsync(new LedgerEntry("decision", desk.AccountId, now, new JsonObject
            {
                ["source"] = DeRiskSource,
                ["firing_id"] = row.FiringId,
                ["decision_id"] = result.Intent is null ? result.Decision.DecisionId : leg.ClientOrderId,
                ["ticker"] = leg.Symbol,
                ["outcome"] = result.Outcome.ToString().ToUpperInvariant(),
                ["veto_reason"] = result.VetoCode,
                ["detail"] = result.Decision.Detail,
                ["side"] = leg.Side.ToString().ToLowerInvariant(),
                ["qty"] = qty.ToString(CultureInfo.InvariantCulture),
            }, desk.ConfigPin, stamp.TraceId), cancellationToken).ConfigureAwait(false);
            if (result.Intent is not { } intent)
            {
                legs.Add(leg with { Status = DeRiskLegStatus.Vetoed, Detail = result.VetoCode + ": " + result.Decision.Detail });
                continue;
            }

            // The firing's id, not the pipeline's (which hashes the quote and the time): the same leg is the same order everywhere.
            var submitted = await desk.Orders.SubmitAsync(intent with { DecisionId = leg.ClientOrderId, ClientOrderId = leg.ClientOrderId }, cancellationToken: cancellationToken).ConfigureAwait(false);
            legs.Add(leg with { Quantity = qty, Status = DeRiskLegStatus.Submitted, Detail = submitted.Outcome + " " + OrderStateNames(submitted.Record) });
        }

        await Store.UpdateLegsAsync(desk.AccountId, row.FiringId, legs, cancellationToken).ConfigureAwait(false);
        return legs;
    }

    private static string OrderStateNames(Orders.OrderRecord r) => Orders.OrderStateNames.Wire(r.ComparableState);
}

/// <summary>What a clear did: the action, the rows it took out of force, and its governance-chain block.</summary>
public sealed record KillSwitchClearReport(string Action, IReadOnlyList<KillSwitchActionRecord> Cleared, LedgerBlock Block);
