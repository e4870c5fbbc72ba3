using Tessera.Core.Governance;

namespace Tessera.Orchestrations.Application.Governance;

/// <summary>
/// The promotion gate refused a transition: either the move is not one governance allows (<see cref="IsIllegalMove"/>,
/// HTTP 409) or evidence is missing (HTTP 422), with every missing piece named by code in <see cref="Missing"/>.
/// </summary>
public sealed class PromotionRefusedException(string runId, PromotionDecision decision)
    : InvalidOperationException(Describe(runId, decision))
{
    public string RunId { get; } = runId;

    public PromotionDecision Decision { get; } = decision;

    public bool IsIllegalMove => Decision.Refusal is not null;

    public IReadOnlyList<MissingEvidence> Missing => Decision.Missing;

    private static string Describe(string runId, PromotionDecision d) => d.Refusal is { } refusal
        ? $"run {runId}: {refusal}"
        : $"run {runId} cannot move {d.From.Name()} → {d.To.Name()}: missing evidence: " + string.Join("; ", d.Missing.Select(m => m.Code + " (" + m.Detail + ")"));
}

/// <summary>Governance was asked about a run that has no manifest (unknown or not completed): 404.</summary>
public sealed class GovernanceRunNotFoundException(string runId)
    : InvalidOperationException($"run {runId} has no manifest (unknown, or not completed): only completed runs enter governance")
{
    public string RunId { get; } = runId;
}

/// <summary>Another transition of the same run landed between our read and our write: 409, ask again.</summary>
public sealed class GovernanceConflictException(string runId)
    : InvalidOperationException($"run {runId} changed governance state concurrently; read its state and ask again")
{
    public string RunId { get; } = runId;
}
