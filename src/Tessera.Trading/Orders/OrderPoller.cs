using Tessera.Alpaca.Errors;
using Tessera.Alpaca.Rest;

namespace Tessera.Trading.Orders;

/// <summary>What one poll did.</summary>
public sealed record PollReport(int Checked, int Updated, int Resolved, int StillUnknown, int LookupFailures);

/// <summary>
/// The fallback to the stream: asks the broker about every order the OMS holds as not finished (SUBMITTED,
/// PARTIALLY_FILLED), and resolves the ones whose submission outcome is unknown (SUBMISSION_UNKNOWN, and APPROVED
/// records older than <see cref="OrderManagerOptions.UnresolvedAfter"/>, whose process died mid-submission).
/// </summary>
public sealed class OrderPoller(OrderManager manager)
{
    public async Task<PollReport> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        var options = manager.Options;
        var cutoff = options.Clock.GetUtcNow() - options.UnresolvedAfter;
        var records = await manager.Orders.ListAsync(options.AccountId, cancellationToken).ConfigureAwait(false);
        int checkedCount = 0, updated = 0, resolved = 0, unknown = 0, failures = 0;
        foreach (var stored in records)
        {
            var r = stored.Record;
            var unresolved = r.State == OrderState.SubmissionUnknown || (r.State == OrderState.Approved && r.UpdatedAt <= cutoff);
            if (unresolved)
            {
                checkedCount++;
                var result = await manager.ResolveAsync(r.ClientOrderId, cancellationToken).ConfigureAwait(false);
                if (result.Outcome == SubmissionOutcome.Unknown)
                {
                    unknown++;
                }
                else
                {
                    resolved++;
                }

                continue;
            }

            if (r.State is not (OrderState.Submitted or OrderState.PartiallyFilled))
            {
                continue;
            }

            checkedCount++;
            try
            {
                var order = await manager.Broker.FindOrderAsync(r.BrokerOrderId ?? r.ClientOrderId, cancellationToken).ConfigureAwait(false);
                if (order is null)
                {
                    // The broker does not know it: a reconciliation difference (missing at broker), not the poller's call.
                    continue;
                }

                var applied = await manager.ApplyBrokerOrderAsync(order, "poll", cancellationToken).ConfigureAwait(false);
                if (applied?.Kind is ApplyKind.Transitioned or ApplyKind.Updated)
                {
                    updated++;
                }
            }
            catch (Exception ex) when (ex is AlpacaTransportException or AlpacaApiException or AlpacaProtocolException)
            {
                // Next poll tries again; the record is untouched.
                failures++;
            }
        }

        return new PollReport(checkedCount, updated, resolved, unknown, failures);
    }
}
