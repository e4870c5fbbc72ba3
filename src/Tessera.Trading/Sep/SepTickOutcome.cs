using Tessera.Core.Sep;
using Tessera.Trading.Desk;

namespace Tessera.Trading.Sep;

/// <summary>One instrument of a tick: its metrics (null: no fresh complete window), score, selection, weight and exposures.</summary>
public sealed record SepInstrumentLine(string Symbol, SepMetrics? Metrics, double Score, SepSelection Selection, double Weight, double Price, double CurrentExposure, double TargetExposure);

/// <summary>
/// What one tick of the live SEP desk did. <see cref="Replayed"/>: the tick had already been decided, its recorded
/// intents were resubmitted (the order manager sent none twice). <see cref="HeldStale"/>: the metrics were stale and the
/// previous weights were held; <see cref="NoData"/>: stale with nothing to hold, nothing changed. <see cref="MarginRatio"/>
/// is used / (used + available) as the order path measures it; at or above the profile's margin_budget_fraction the
/// pipeline vetoes every add (margin_budget).
/// </summary>
public sealed record SepTickOutcome(
    string TickId,
    DateTimeOffset DecidedAt,
    bool Replayed,
    bool HeldStale,
    bool NoData,
    double Budget,
    double Cap,
    double MarginRatio,
    IReadOnlyList<SepInstrumentLine> Instruments,
    IReadOnlyList<ScanDecision> Decisions,
    IReadOnlyList<ScanSubmission> Submissions,
    IReadOnlyList<string> Notes,
    bool DryRun);
