using Tessera.Core.Telemetry;
using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Errors;
using Tessera.Alpaca.Rest;
using Tessera.Storage.Tables;
using Tessera.Trading.Decisions;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;

namespace Tessera.Trading.Orders;

/// <summary>
/// The order manager: submits each decision at most once, keeps the order records, and moves them through the OMS
/// state machine as the broker reports (stream, polls, reconciliation). Every transition is written to the orders
/// table first (compare-and-swap), then appended to the audit ledger and published.
/// <para>
/// Exactly-once, in three layers: (a) the idempotency row on the decision id is created if absent before anything is
/// sent (a conflict is a replay: the recorded outcome is returned, the broker is not contacted); (b) before any POST
/// the client order id is looked up at the broker, so a lost idempotency row cannot produce a second order; (c) the
/// POST is sent once, and its ambiguous failures (timeout, 5xx after accept) are resolved by the broker client's own
/// look-up by client order id (<see cref="AlpacaBroker"/> / AlpacaTradingClient.SubmitOrderAsync), never by a blind
/// re-POST here. What stays ambiguous is recorded as SUBMISSION_UNKNOWN and resolved by <see cref="ResolveAsync"/>.
/// </para>
/// </summary>
public sealed class OrderManager
{
    private readonly IBroker _broker;
    private readonly OrderManagerOptions _options;
    private readonly OrderAudit _audit;

    public OrderManager(IBroker broker, ITableStore tables, IAuditLedger ledger, ITradingEventPublisher events, OrderManagerOptions options, string ordersTable = "orders", string idempotencyTable = "orderidempotency")
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _broker = broker;
        _options = options;
        _audit = new OrderAudit(ledger, events, options);
        Orders = new OrderStore(tables, ordersTable);
        Idempotency = new IdempotencyStore(tables, idempotencyTable);
    }

    public OrderStore Orders { get; }

    public IdempotencyStore Idempotency { get; }

    public OrderManagerOptions Options => _options;

    internal IBroker Broker => _broker;

    internal OrderAudit Audit => _audit;

    public async Task EnsureTablesAsync(CancellationToken cancellationToken = default)
    {
        await Orders.EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await Idempotency.EnsureTableAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Submits the intent's order at most once for its decision id. <paramref name="chaseUnfilled"/> is only recorded
    /// (the OMS never chases the unfilled rest of an IOC; whoever decides to chase makes a new decision).
    /// Cancellation leaves the claim in place: the decision is then resolved by <see cref="ResolveAsync"/>, never re-POSTed blindly.
    /// </summary>
    public async Task<SubmissionResult> SubmitAsync(OrderIntent intent, bool chaseUnfilled = false, CancellationToken cancellationToken = default)
    {
        using var span = TesseraTelemetry.Source.StartActivity("order.submit", System.Diagnostics.ActivityKind.Client);
        span?.SetTag(TesseraTelemetry.Tags.ClientOrderId, intent?.ClientOrderId);
        var result = await SubmitCoreAsync(intent!, chaseUnfilled, cancellationToken).ConfigureAwait(false);
        span?.SetTag("tessera.outcome", result.Outcome.ToString());
        if (result.Outcome == SubmissionOutcome.Submitted)
        {
            TesseraTelemetry.OrdersSubmitted.Add(1);
        }

        return result;
    }

    private async Task<SubmissionResult> SubmitCoreAsync(OrderIntent intent, bool chaseUnfilled, CancellationToken cancellationToken)
    {
        OrderIntentRules.Validate(intent);
        var now = _options.Clock.GetUtcNow();
        var claim = await Idempotency.TryClaimAsync(_options.AccountId, intent.DecisionId, intent.ClientOrderId, now, cancellationToken).ConfigureAwait(false);
        if (claim is not null)
        {
            // (a) A replay: report what is recorded, never reach the broker.
            var recorded = await Orders.GetAsync(_options.AccountId, claim.ClientOrderId, cancellationToken).ConfigureAwait(false);
            var record = recorded?.Record ?? NewRecord(intent, chaseUnfilled, OrderState.Pending, now) with { LastEvent = "replay: no order record" };
            return new SubmissionResult(SubmissionOutcome.DuplicateReplay, record) { RecordedOutcome = claim.Outcome };
        }

        var (created, stored) = await Orders.InsertIfAbsentAsync(NewRecord(intent, chaseUnfilled, OrderState.Approved, now), cancellationToken).ConfigureAwait(false);
        if (created)
        {
            await _audit.RecordStepsAsync(OrderState.Pending, [OrderState.Approved], stored.Record, cancellationToken).ConfigureAwait(false);
        }

        var result = await SendOnceAsync(stored, intent.ClientOrderId, "submit", cancellationToken).ConfigureAwait(false);
        await Idempotency.RecordOutcomeAsync(_options.AccountId, intent.DecisionId, intent.ClientOrderId, result.Outcome, _options.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Resolves a record whose submission outcome is not known (SUBMISSION_UNKNOWN, or APPROVED left by a process that
    /// died mid-submission): looks the client order id up and adopts what the broker holds; when the broker holds
    /// nothing, sends the POST once with the same client order id (safe: the broker refuses a second order under it).
    /// Records in any other state are returned unchanged as a replay.
    /// </summary>
    public async Task<SubmissionResult> ResolveAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        var stored = await Orders.GetAsync(_options.AccountId, clientOrderId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"no order record with client order id '{clientOrderId}' in account '{_options.AccountId}'");
        var result = await SendOnceAsync(stored, clientOrderId, "resolve", cancellationToken).ConfigureAwait(false);
        if (result.Outcome != SubmissionOutcome.DuplicateReplay)
        {
            await Idempotency.RecordOutcomeAsync(_options.AccountId, stored.Record.DecisionId, clientOrderId, result.Outcome, _options.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Applies what the broker says about an order (from the trade-update stream, a poll or a look-up). Null when no
    /// local record has its client order id. Stale snapshots are ignored; contradictions of a terminal record are
    /// reported as <see cref="ApplyKind.Conflict"/> and left for reconciliation.
    /// </summary>
    public async Task<AppliedUpdate?> ApplyBrokerOrderAsync(BrokerOrder order, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (string.IsNullOrEmpty(order.ClientOrderId))
        {
            return null;
        }

        var stored = await Orders.GetAsync(_options.AccountId, order.ClientOrderId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var (applied, _) = await UpdateAsync(stored, r => OrderRecordUpdate.Apply(r, order, source, _options.Clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <summary>Books a terminal order: FILLED / CANCELLED / REJECTED / EXPIRED / VETOED -> CLOSED (anything else is an <see cref="IllegalOrderTransitionException"/>).</summary>
    public async Task<OrderRecord> CloseAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        var stored = await Orders.GetAsync(_options.AccountId, clientOrderId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"no order record with client order id '{clientOrderId}' in account '{_options.AccountId}'");
        var (applied, _) = await UpdateAsync(stored, r => Move(r, OrderState.Closed, "close", r.Error), cancellationToken).ConfigureAwait(false);
        return applied.Record;
    }

    /// <summary>The look-up and the single POST, from a record in APPROVED or SUBMISSION_UNKNOWN.</summary>
    private async Task<SubmissionResult> SendOnceAsync(StoredOrder stored, string clientOrderId, string source, CancellationToken cancellationToken)
    {
        if (stored.Record.State is not (OrderState.Approved or OrderState.SubmissionUnknown))
        {
            // Only reachable when the idempotency row was lost but the record survived: the record is the outcome.
            // Still confirm at the broker so a record that says SUBMITTED is brought up to date.
            var held = await TryFindAsync(clientOrderId, cancellationToken).ConfigureAwait(false);
            if (held.Order is { } o)
            {
                var (a, _) = await UpdateAsync(stored, r => OrderRecordUpdate.Apply(r, o, "lookup", _options.Clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                return new SubmissionResult(SubmissionOutcome.AdoptedFromBroker, a.Record);
            }

            return new SubmissionResult(SubmissionOutcome.DuplicateReplay, stored.Record);
        }

        // (b) Look the client order id up before any POST.
        var found = await TryFindAsync(clientOrderId, cancellationToken).ConfigureAwait(false);
        if (found.Failure is { } lookupFailure)
        {
            return await UnknownAsync(stored, "lookup before submission failed: " + lookupFailure, cancellationToken).ConfigureAwait(false);
        }

        if (found.Order is { } existing)
        {
            return await AdoptAsync(stored, existing, "lookup", cancellationToken).ConfigureAwait(false);
        }

        // (c) One POST. The broker client resolves a timeout / 5xx by client order id itself.
        var r = stored.Record;
        var request = new BrokerOrderRequest(new Instrument(r.Symbol, Alpaca.Model.AssetClass.UsEquity), r.Side, r.Quantity, r.Type, r.TimeInForce, r.LimitPrice, null, clientOrderId, r.Notional);
        BrokerOrder accepted;
        try
        {
            accepted = await _broker.SubmitOrderAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AlpacaDuplicateClientOrderIdException)
        {
            // An order under this id exists after all (another process, or our earlier POST landed late): adopt it.
            var again = await TryFindAsync(clientOrderId, cancellationToken).ConfigureAwait(false);
            return again.Order is { } dup
                ? await AdoptAsync(stored, dup, "lookup after duplicate refusal", cancellationToken).ConfigureAwait(false)
                : await UnknownAsync(stored, "broker refused a duplicate client order id but the look-up found none" + (again.Failure is null ? string.Empty : ": " + again.Failure), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsAmbiguous(ex))
        {
            return await UnknownAsync(stored, Describe(ex), cancellationToken).ConfigureAwait(false);
        }
        catch (AlpacaApiException ex)
        {
            var (rejected, _) = await UpdateAsync(stored, rec => Move(rec, OrderState.Rejected, source, Describe(ex)), cancellationToken).ConfigureAwait(false);
            return new SubmissionResult(SubmissionOutcome.Rejected, rejected.Record, ex);
        }

        var (applied, _) = await UpdateAsync(stored, rec => OrderRecordUpdate.Apply(rec, accepted, source, _options.Clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return new SubmissionResult(SubmissionOutcome.Submitted, applied.Record);
    }

    private async Task<SubmissionResult> AdoptAsync(StoredOrder stored, BrokerOrder order, string source, CancellationToken cancellationToken)
    {
        var (applied, _) = await UpdateAsync(stored, r => OrderRecordUpdate.Apply(r, order, source, _options.Clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return new SubmissionResult(SubmissionOutcome.AdoptedFromBroker, applied.Record);
    }

    private async Task<SubmissionResult> UnknownAsync(StoredOrder stored, string reason, CancellationToken cancellationToken)
    {
        var (applied, _) = await UpdateAsync(stored, r => Move(r, OrderState.SubmissionUnknown, "submit", reason), cancellationToken).ConfigureAwait(false);
        return new SubmissionResult(SubmissionOutcome.Unknown, applied.Record);
    }

    private async Task<(BrokerOrder? Order, string? Failure)> TryFindAsync(string clientOrderId, CancellationToken cancellationToken)
    {
        try
        {
            return (await _broker.FindOrderAsync(clientOrderId, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is AlpacaTransportException or AlpacaApiException or AlpacaProtocolException)
        {
            return (null, Describe(ex));
        }
    }

    /// <summary>
    /// An explicit move (to SUBMISSION_UNKNOWN, REJECTED, CLOSED). From APPROVED or SUBMISSION_UNKNOWN only for the
    /// first two: if the stream already moved the record on (the order exists), the move is moot and nothing changes.
    /// </summary>
    private AppliedUpdate Move(OrderRecord r, OrderState to, string source, string? error)
    {
        if (to != OrderState.Closed && r.State is not (OrderState.Approved or OrderState.SubmissionUnknown))
        {
            return new AppliedUpdate(r, [], ApplyKind.Unchanged, r.State);
        }

        if (r.State == to)
        {
            return new AppliedUpdate(r with { Error = error, UpdatedAt = _options.Clock.GetUtcNow(), LastEvent = source }, [], ApplyKind.Updated, r.State);
        }

        OrderTransitions.Ensure(r.ClientOrderId, r.State, to);
        var next = r with
        {
            State = to,
            FinalState = to == OrderState.Closed ? r.FinalState ?? r.State : OrderTransitions.IsTerminal(to) ? to : null,
            Error = error,
            UpdatedAt = _options.Clock.GetUtcNow(),
            LastEvent = source,
        };
        return new AppliedUpdate(next, [to], ApplyKind.Transitioned, r.State);
    }

    /// <summary>Compare-and-swap loop: re-reads and recomputes when another writer changed the record in between.</summary>
    internal async Task<(AppliedUpdate Applied, StoredOrder Stored)> UpdateAsync(StoredOrder stored, Func<OrderRecord, AppliedUpdate> change, CancellationToken cancellationToken, bool audit = true)
    {
        for (var attempt = 0; ; attempt++)
        {
            var applied = change(stored.Record);
            if (applied.Kind is not (ApplyKind.Transitioned or ApplyKind.Updated))
            {
                return (applied, stored);
            }

            var (written, etag) = await Orders.TryReplaceAsync(applied.Record, stored.ETag, cancellationToken).ConfigureAwait(false);
            if (written)
            {
                if (!audit)
                {
                    return (applied, new StoredOrder(applied.Record, etag));
                }

                if (applied.Kind == ApplyKind.Transitioned)
                {
                    await _audit.RecordStepsAsync(applied.From, applied.Steps, applied.Record, cancellationToken).ConfigureAwait(false);
                }
                else if (applied.Record.FilledQuantity != stored.Record.FilledQuantity)
                {
                    await _audit.RecordFillUpdateAsync(applied.Record, cancellationToken).ConfigureAwait(false);
                }

                return (applied, new StoredOrder(applied.Record, etag));
            }

            stored = await Orders.GetAsync(_options.AccountId, stored.Record.ClientOrderId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"order '{stored.Record.ClientOrderId}' disappeared while being updated");
            if (attempt > 16)
            {
                throw new InvalidOperationException($"order '{stored.Record.ClientOrderId}': gave up after 16 concurrent updates in a row");
            }
        }
    }

    private OrderRecord NewRecord(OrderIntent intent, bool chaseUnfilled, OrderState state, DateTimeOffset now) => new()
    {
        AccountId = _options.AccountId,
        ClientOrderId = intent.ClientOrderId,
        DecisionId = intent.DecisionId,
        Symbol = intent.Symbol,
        Side = intent.Side,
        Quantity = intent.Quantity,
        Notional = intent.Notional,
        Type = intent.Type,
        TimeInForce = intent.TimeInForce,
        LimitPrice = intent.LimitPrice,
        ReferencePrice = intent.ReferencePrice,
        ChaseUnfilled = chaseUnfilled,
        State = state,
        CreatedAt = now,
        UpdatedAt = now,
        LastEvent = "intent",
    };

    /// <summary>Failures that do not say whether the broker took the order.</summary>
    private static bool IsAmbiguous(Exception ex) => ex
        is AlpacaOrderStateUnknownException
        or AlpacaOrderNotAcceptedException
        or AlpacaTransportException
        or AlpacaProtocolException
        or AlpacaApiException { Kind: AlpacaErrorKind.ServerError or AlpacaErrorKind.RateLimited or AlpacaErrorKind.Unexpected };

    private static string Describe(Exception ex) => ex switch
    {
        AlpacaApiException api => $"{api.Kind} (HTTP {api.Status}) {api.Route}",
        _ => ex.GetType().Name + ": " + ex.Message,
    };
}
