namespace Tessera.Core.Portfolio.Selection;

/// <summary>A selected candidate with its rank-sum score and cluster label.</summary>
public sealed record SelectedCandidate(SelectionCandidate Candidate, double Score, int Cluster);

/// <summary>What one HTR stage produced.</summary>
public sealed record StageOutcome(string Stage, int Survivors, int Clusters, bool Satisfied);

/// <summary>
/// Outcome of the selection pipeline: the selected candidates, the stage that was needed (or the
/// last one when none was satisfied: <see cref="Satisfied"/> false, <see cref="Reason"/> says why),
/// every decision with its reason, and one line per stage tried.
/// </summary>
public sealed record SelectionResult(
    IReadOnlyList<SelectedCandidate> Selected,
    string StageUsed,
    int StageIndex,
    bool Satisfied,
    string Reason,
    IReadOnlyList<StageOutcome> Stages,
    IReadOnlyList<SelectionDecision> Decisions);
