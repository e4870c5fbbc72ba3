using Tessera.Core.Errors;

namespace Tessera.Core.Governance;

/// <summary>
/// Where a run stands in governance (the Indian-equities seed: Sandbox → Canary (1–5 %) → Promotion → Capstone
/// Freeze; Retired ends a run's life). Written in lower case (<c>sandbox</c>, <c>canary</c>, …).
/// </summary>
public enum GovernanceState : byte
{
    Sandbox,
    Canary,
    Promoted,
    Frozen,
    Retired,
}

/// <summary>The one parser and writer of <see cref="GovernanceState"/>.</summary>
public static class GovernanceStates
{
    public static GovernanceState Parse(string? text, string field = "to") => text?.Trim().ToLowerInvariant() switch
    {
        "sandbox" => GovernanceState.Sandbox,
        "canary" => GovernanceState.Canary,
        "promoted" => GovernanceState.Promoted,
        "frozen" => GovernanceState.Frozen,
        "retired" => GovernanceState.Retired,
        _ => throw new TesseraValidationException(field, text, "one of sandbox, canary, promoted, frozen, retired"),
    };

    public static string Name(this GovernanceState state) => state switch
    {
        GovernanceState.Sandbox => "sandbox",
        GovernanceState.Canary => "canary",
        GovernanceState.Promoted => "promoted",
        GovernanceState.Frozen => "frozen",
        GovernanceState.Retired => "retired",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown governance state"),
    };

    /// <summary>
    /// The moves governance allows: up the ladder one step at a time (sandbox → canary → promoted → frozen), down
    /// one step (a demotion: canary → sandbox, promoted → canary, frozen → promoted), and from anywhere to retired.
    /// Nothing leaves retired.
    /// </summary>
    public static bool IsAllowed(GovernanceState from, GovernanceState to) => (from, to) switch
    {
        (GovernanceState.Retired, _) => false,
        (_, GovernanceState.Retired) => true,
        _ => Math.Abs((int)to - (int)from) == 1,
    };

    /// <summary>Whether the move goes up the ladder (and so needs evidence).</summary>
    public static bool IsPromotion(GovernanceState from, GovernanceState to) => to != GovernanceState.Retired && to > from;
}
