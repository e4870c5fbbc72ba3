using Tessera.Trading.Decisions;

namespace Tessera.Trading.Desk;

/// <summary>
/// What a scan decided: every decision (approved ones carry their intent), the decision time (the broker's clock), the
/// symbols the broker had no data for, the notices (stale VIX, missing data), and the veto counts. Plain records: it
/// travels between durable activities as JSON.
/// </summary>
public sealed record ScanDecisions(
    string Slot,
    DateTimeOffset DecidedAt,
    DateOnly LastCompletedSession,
    int SymbolsScanned,
    int Signals,
    IReadOnlyList<ScanDecision> Decisions,
    IReadOnlyList<string> MissingSymbols,
    IReadOnlyList<string> Notices)
{
    public int Approved => Decisions.Count(d => d.Decision.Outcome == DecisionOutcome.Approved);

    public int Vetoed => Decisions.Count(d => d.Decision.Outcome == DecisionOutcome.Vetoed);

    public int Deferred => Decisions.Count(d => d.Decision.Outcome == DecisionOutcome.Deferred);
}

/// <summary>One decision of a scan with the signal that caused it.</summary>
public sealed record ScanDecision(TradingDecision Decision, string Strategy, string SignalReason, bool ChaseUnfilled);
