using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Trading.Decisions;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;
using Tessera.Trading.Orders;

namespace Tessera.Trading.Desk;

/// <summary>One submission as the scan reports it: what the order manager did and the order's state afterwards.</summary>
public sealed record ScanSubmission(string DecisionId, string ClientOrderId, string Symbol, string Outcome, string State, decimal FilledQuantity, decimal? AveragePrice, string? Error);

/// <summary>The scan's closing figures, printed, published (SCAN_COMPLETED) and appended to the ledger.</summary>
public sealed record ScanSummary(string Slot, DateTimeOffset DecidedAt, int SymbolsScanned, int Signals, int Approved, int Vetoed, int Deferred, IReadOnlyDictionary<string, int> VetoCounts, IReadOnlyList<ScanSubmission> Submissions, IReadOnlyList<string> Notices)
{
    public int Filled => Submissions.Count(s => s.State is "FILLED" or "PARTIALLY_FILLED" || s.FilledQuantity > 0);
}

/// <summary>The submit half of a scan: one approved intent through the order manager (exactly once), then the summary.</summary>
public static class ScanSubmissions
{
    public static async Task<ScanSubmission> SubmitAsync(TradingDesk desk, ScanDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(decision);
        var intent = decision.Decision.Intent ?? throw new ArgumentException("only approved decisions are submitted", nameof(decision));
        var result = await desk.Orders.SubmitAsync(intent, decision.ChaseUnfilled, cancellationToken).ConfigureAwait(false);
        return Of(intent, result);
    }

    /// <summary>
    /// Polls the broker once so fills (and the cancelled rest of each IOC) are recorded, then closes the scan: summary
    /// event, ledger block. The orders' states are re-read after the poll.
    /// </summary>
    public static async Task<ScanSummary> SummarizeAsync(TradingDesk desk, ScanDecisions decisions, IReadOnlyList<ScanSubmission> submitted, string traceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(submitted);
        await new OrderPoller(desk.Orders).PollOnceAsync(cancellationToken).ConfigureAwait(false);
        var final = new List<ScanSubmission>(submitted.Count);
        foreach (var s in submitted)
        {
            var stored = await desk.Orders.Orders.GetAsync(desk.AccountId, s.ClientOrderId, cancellationToken).ConfigureAwait(false);
            final.Add(stored is null ? s : s with { State = OrderStateNames.Wire(stored.Record.ComparableState), FilledQuantity = stored.Record.FilledQuantity, AveragePrice = stored.Record.AveragePrice });
        }

        var tally = new VetoTally();
        foreach (var d in decisions.Decisions)
        {
            tally.Add(d.Decision);
        }

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (code, n) in tally.Entries)
        {
            counts[code] = n;
        }

        var summary = new ScanSummary(decisions.Slot, decisions.DecidedAt, decisions.SymbolsScanned, decisions.Signals, tally.Approved, tally.Vetoed, tally.Deferred, counts, final, decisions.Notices);
        var vetoes = new JsonObject();
        foreach (var (code, n) in counts)
        {
            vetoes[code] = n;
        }

        await desk.Ledger.AppendAsync(
            new LedgerEntry("scan_summary", desk.AccountId, decisions.DecidedAt, new JsonObject
            {
                ["slot"] = summary.Slot,
                ["symbols"] = summary.SymbolsScanned,
                ["signals"] = summary.Signals,
                ["approved"] = summary.Approved,
                ["vetoed"] = summary.Vetoed,
                ["deferred"] = summary.Deferred,
                ["submitted"] = final.Count,
                ["filled"] = summary.Filled,
                ["veto_counts"] = vetoes,
            }, desk.ConfigPin, traceId),
            cancellationToken).ConfigureAwait(false);
        desk.Events.Publish(new TradingEvent(
            EventCodes.ScanCompleted,
            EventLevel.Info,
            string.Create(CultureInfo.InvariantCulture, $"scan {summary.Slot}: {summary.Signals} signal(s), {summary.Approved} approved, {summary.Vetoed} vetoed, {summary.Deferred} deferred, {final.Count} submitted, {summary.Filled} filled"),
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["slot"] = summary.Slot,
                ["approved"] = summary.Approved,
                ["vetoed"] = summary.Vetoed,
                ["deferred"] = summary.Deferred,
                ["submitted"] = final.Count,
                ["veto_counts"] = tally.ToString(),
            }));
        return summary;
    }

    private static ScanSubmission Of(OrderIntent intent, SubmissionResult result) => new(
        intent.DecisionId,
        intent.ClientOrderId,
        intent.Symbol,
        SubmissionOutcomeNames.Of(result.Outcome),
        OrderStateNames.Wire(result.Record.ComparableState),
        result.Record.FilledQuantity,
        result.Record.AveragePrice,
        result.BrokerError?.Message);
}
