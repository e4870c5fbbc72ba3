using System.Text.Json.Nodes;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;

namespace Tessera.Trading.Safety;

/// <summary>
/// Resume (`tessera resume`, POST /api/trading/resume): clears the flags when SOP-02 allows it. Both outcomes are audited:
/// an accepted resume as a "resume" block with the approval record, a refused one as "resume_refused" with the rule,
/// and the refusal is re-thrown so the caller reports it (exit 2 / HTTP 409).
/// </summary>
public sealed class ResumeProcedure(TradingSwitchStore switches, IAuditLedger ledger, ITradingEventPublisher events)
{
    public async Task<TradingSwitchState> RunAsync(ResumeRequest request, AuditStamp stamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stamp);
        var payload = new JsonObject
        {
            ["reason"] = request.Reason,
            ["actor"] = request.Actor,
            ["approver"] = request.Approver,
            ["approval_reason"] = request.ApprovalReason,
        };
        try
        {
            var state = await switches.ResumeAsync(stamp.AccountId, request, cancellationToken).ConfigureAwait(false);
            await ledger.AppendAsync(new LedgerEntry("resume", stamp.AccountId, request.At, payload, stamp.ConfigPin, stamp.TraceId), cancellationToken).ConfigureAwait(false);
            events.Publish(new TradingEvent(EventCodes.TradingResumed, EventLevel.Warning, "trading resumed: " + request.Reason, Fields(request, null)));
            return state;
        }
        catch (ResumeRefusedException refused)
        {
            payload["refusal"] = refused.Rule;
            await ledger.AppendAsync(new LedgerEntry("resume_refused", stamp.AccountId, request.At, payload, stamp.ConfigPin, stamp.TraceId), cancellationToken).ConfigureAwait(false);
            events.Publish(new TradingEvent(EventCodes.ResumeRefused, EventLevel.Warning, refused.Message, Fields(request, refused.Rule)));
            throw;
        }
    }

    private static Dictionary<string, object?> Fields(ResumeRequest request, string? refusal) => new(StringComparer.Ordinal)
    {
        ["actor"] = request.Actor,
        ["approver"] = request.Approver,
        ["refusal"] = refusal,
    };
}
