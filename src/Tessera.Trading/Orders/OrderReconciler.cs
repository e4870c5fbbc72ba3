using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;

namespace Tessera.Trading.Orders;

/// <summary>
/// Compares the OMS's order records (and, optionally, the positions the caller expects) with the broker's orders and
/// positions, and lists every difference. With repair, the broker's truth is adopted locally (records created,
/// states and fills overwritten: a correction, not a lifecycle step, so it bypasses the transition table) and each
/// adoption is appended to the ledger as <see cref="OrderLedgerKinds.Adopted"/>. Records the broker does not know and
/// position differences are reported, never "repaired" (there is no broker truth to adopt for them locally).
/// </summary>
public sealed class OrderReconciler(OrderManager manager)
{
    /// <summary>How many of the broker's most recent orders are listed to find orders missing locally (Alpaca's maximum page).</summary>
    public int BrokerOrderLimit { get; init; } = 500;

    public async Task<ReconciliationReport> ReconcileAsync(IReadOnlyDictionary<string, decimal>? expectedPositions = null, bool repair = false, CancellationToken cancellationToken = default)
    {
        var options = manager.Options;
        var broker = manager.Broker;
        var now = options.Clock.GetUtcNow();
        var local = await manager.Orders.ListAsync(options.AccountId, cancellationToken).ConfigureAwait(false);
        var listed = await broker.GetOrdersAsync(OrderStatusFilter.All, BrokerOrderLimit, cancellationToken).ConfigureAwait(false);
        var byClientId = new Dictionary<string, BrokerOrder>(listed.Count, StringComparer.Ordinal);
        foreach (var o in listed)
        {
            if (!string.IsNullOrEmpty(o.ClientOrderId))
            {
                byClientId[o.ClientOrderId] = o;
            }
        }

        var differences = new List<ReconciliationDifference>();
        var localIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in local)
        {
            var r = stored.Record;
            localIds.Add(r.ClientOrderId);
            if (r.State is OrderState.Pending or OrderState.Vetoed || (r.State == OrderState.Rejected && r.BrokerOrderId is null))
            {
                // Never reached the broker (vetoed, or refused at the POST): nothing there to compare.
                continue;
            }

            // Beyond the listed page (older orders), ask for it by id.
            var held = byClientId.GetValueOrDefault(r.ClientOrderId)
                ?? await broker.FindOrderAsync(r.ClientOrderId, cancellationToken).ConfigureAwait(false);
            if (held is null)
            {
                differences.Add(new OrderMissingAtBroker(r));
                continue;
            }

            var brokerState = BrokerStatusMap.ToOrderState(held.Status, held.FilledQuantity);
            if (brokerState is null)
            {
                continue;
            }

            ReconciliationDifference? difference =
                r.ComparableState != brokerState ? new OrderStateMismatch(r, held, r.ComparableState, brokerState.Value)
                : r.FilledQuantity != held.FilledQuantity ? new OrderQuantityMismatch(r, held, r.FilledQuantity, held.FilledQuantity)
                : null;
            if (difference is null)
            {
                continue;
            }

            if (repair)
            {
                await AdoptAsync(stored, held, brokerState.Value, difference.Code, now, cancellationToken).ConfigureAwait(false);
                difference = difference with { Repaired = true };
            }

            differences.Add(difference);
        }

        foreach (var o in listed)
        {
            if (string.IsNullOrEmpty(o.ClientOrderId) || localIds.Contains(o.ClientOrderId))
            {
                continue;
            }

            ReconciliationDifference missing = new OrderMissingLocally(o);
            if (repair && BrokerStatusMap.ToOrderState(o.Status, o.FilledQuantity) is { } state)
            {
                await CreateFromBrokerAsync(o, state, now, cancellationToken).ConfigureAwait(false);
                missing = missing with { Repaired = true };
            }

            differences.Add(missing);
        }

        if (expectedPositions is not null)
        {
            await ComparePositionsAsync(expectedPositions, differences, cancellationToken).ConfigureAwait(false);
        }

        return new ReconciliationReport(now, local.Count, listed.Count, differences);
    }

    private async Task ComparePositionsAsync(IReadOnlyDictionary<string, decimal> expected, List<ReconciliationDifference> differences, CancellationToken cancellationToken)
    {
        var positions = await manager.Broker.GetPositionsAsync(cancellationToken).ConfigureAwait(false);
        var actual = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var p in positions)
        {
            actual[p.Instrument.Symbol] = p.Quantity;
        }

        foreach (var (symbol, qty) in expected)
        {
            var held = actual.GetValueOrDefault(symbol);
            if (held != qty)
            {
                differences.Add(new PositionMismatch(symbol, qty, held));
            }
        }

        foreach (var (symbol, qty) in actual)
        {
            if (!expected.ContainsKey(symbol) && qty != 0)
            {
                differences.Add(new PositionMismatch(symbol, 0m, qty));
            }
        }
    }

    private async Task AdoptAsync(StoredOrder stored, BrokerOrder held, OrderState brokerState, string difference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = stored.Record.State;
        var (applied, _) = await manager.UpdateAsync(
            stored,
            r =>
            {
                // A CLOSED record keeps CLOSED (it is booked) but carries the broker's terminal state and fills.
                var adopted = OrderRecordUpdate.Adopt(r, held, brokerState, "repair", now);
                if (r.State == OrderState.Closed)
                {
                    adopted = adopted with { State = OrderState.Closed, FinalState = brokerState };
                }

                return new AppliedUpdate(adopted, [], ApplyKind.Updated, r.State);
            },
            cancellationToken,
            audit: false).ConfigureAwait(false);
        await manager.Audit.RecordAdoptionAsync(from, applied.Record, difference, cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateFromBrokerAsync(BrokerOrder o, OrderState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = OrderRecordUpdate.Adopt(
            new OrderRecord
            {
                AccountId = manager.Options.AccountId,
                ClientOrderId = o.ClientOrderId,

                // The decision is not known: the client order id stands in for it (Tessera derives one from the other).
                DecisionId = o.ClientOrderId,
                Symbol = o.Instrument.Symbol,
                Side = o.Side,
                Quantity = o.Quantity,
                Notional = o.Notional,
                Type = o.Type,
                TimeInForce = o.TimeInForce,
                LimitPrice = o.LimitPrice,
                State = state,
                CreatedAt = now,
                UpdatedAt = now,
            },
            o,
            state,
            "repair",
            now);
        var (created, stored) = await manager.Orders.InsertIfAbsentAsync(record, cancellationToken).ConfigureAwait(false);
        if (created)
        {
            await manager.Audit.RecordAdoptionAsync(null, stored.Record, "missing_locally", cancellationToken).ConfigureAwait(false);
        }
    }
}
