namespace Tessera.Core.Governance;

/// <summary>What a run brings to a promotion.</summary>
/// <param name="Coverage">the coverage artifacts linked in the run's audit ledger (one per data fetch of the run).</param>
/// <param name="CoverageException">a documented exception to 100 % coverage (the seed allows one), or null.</param>
/// <param name="HasWalkForwardReport">a walk-forward out-of-sample report is among the run's artifacts.</param>
/// <param name="CleanCanaryDays">trading days the run spent in canary without a kill-switch firing.</param>
public sealed record PromotionEvidence(IReadOnlyList<CoverageArtifact> Coverage, string? CoverageException, bool HasWalkForwardReport, int CleanCanaryDays);

/// <summary>One missing piece of evidence, by code, with what is missing.</summary>
public sealed record MissingEvidence(string Code, string Detail);

/// <summary>The gate's answer: allowed, or refused with every missing piece named.</summary>
public sealed record PromotionDecision(GovernanceState From, GovernanceState To, IReadOnlyList<MissingEvidence> Missing, string? Refusal)
{
    public bool Allowed => Refusal is null && Missing.Count == 0;
}

/// <summary>
/// The promotion evidence gate (quant-platform seed, requirement 20; Indian-equities seed's canary discipline):
/// every move up the ladder needs schema-valid coverage artifacts at 100 % (unless an exception is recorded) and a
/// walk-forward out-of-sample report; canary → promoted also needs <c>requiredCanaryDays</c> (default 5) clean
/// canary days. Demotions and retirement need no evidence; moves the ladder does not allow are refused.
/// </summary>
public static class PromotionGate
{
    public const int DefaultCanaryDays = 5;

    public static PromotionDecision Evaluate(GovernanceState from, GovernanceState to, PromotionEvidence evidence, int requiredCanaryDays = DefaultCanaryDays)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (!GovernanceStates.IsAllowed(from, to))
        {
            return new PromotionDecision(from, to, [], $"{from.Name()} → {to.Name()} is not a move governance allows");
        }

        var missing = new List<MissingEvidence>();
        if (!GovernanceStates.IsPromotion(from, to))
        {
            return new PromotionDecision(from, to, missing, null);
        }

        if (evidence.Coverage.Count == 0)
        {
            missing.Add(new MissingEvidence("coverage_missing", "no coverage artifact is linked in the run's audit ledger"));
        }
        else if (evidence.CoverageException is null)
        {
            foreach (var c in evidence.Coverage)
            {
                if (!c.IsComplete)
                {
                    missing.Add(new MissingEvidence(
                        "coverage_incomplete",
                        $"coverage of {c.Profile} is below 100 % (failed: {(c.FailedSymbols.Count == 0 ? "last attempt " + c.Attempts[^1].Failed.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Join(",", c.FailedSymbols))}) and no exception is recorded"));
                }
            }
        }

        if (!evidence.HasWalkForwardReport)
        {
            missing.Add(new MissingEvidence("walkforward_missing", "no walk-forward out-of-sample report among the run's artifacts"));
        }

        if (from == GovernanceState.Canary && to == GovernanceState.Promoted && evidence.CleanCanaryDays < requiredCanaryDays)
        {
            missing.Add(new MissingEvidence("canary_days", $"{evidence.CleanCanaryDays} clean canary days of the {requiredCanaryDays} required"));
        }

        return new PromotionDecision(from, to, missing, null);
    }
}
