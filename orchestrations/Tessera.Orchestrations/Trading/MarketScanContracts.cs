using Tessera.Trading.Desk;

namespace Tessera.Orchestrations.Trading;

/// <summary>The scan's input: its slot (day and New York time, or a manual id) and the trace id every ledger block carries.</summary>
public sealed record ScanInput(string Slot, string TraceId);

public sealed record ScanSubmitInput(ScanDecision Decision);

public sealed record ScanSummarizeInput(ScanDecisions Decisions, IReadOnlyList<ScanSubmission> Submissions, string TraceId);
