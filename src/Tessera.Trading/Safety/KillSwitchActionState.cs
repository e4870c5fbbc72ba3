using Tessera.Alpaca.Model;
using Tessera.Core.Governance;

namespace Tessera.Trading.Safety;

/// <summary>
/// One kill-switch action as persisted for an account (table <c>killswitchactions</c>): which firing started it, its
/// parameter (de-risk fraction, allowed symbols, base profile), and — once an operator cleared it — who, when and why.
/// halt_adds, switch_to_base_profile and restrict_to_etfs hold one row per account (the newest firing that set them);
/// de_risk holds one row per firing, with its plan of reduce orders (<see cref="Legs"/>).
/// </summary>
public sealed record KillSwitchActionRecord(
    string AccountId,
    KillSwitchActionKind Kind,
    bool Active,
    string Condition,
    string FiringId,
    DateTimeOffset FiredAt,
    string Reason,
    string? BlockHash)
{
    public double? Fraction { get; init; }

    public IReadOnlyList<string>? Symbols { get; init; }

    public string? BaseProfile { get; init; }

    /// <summary>The de-risk plan: one reduce order per open position at the firing (empty for the other actions).</summary>
    public IReadOnlyList<DeRiskLeg> Legs { get; init; } = [];

    public DateTimeOffset? ClearedAt { get; init; }

    public string? ClearedBy { get; init; }

    public string? ClearReason { get; init; }

    /// <summary>The action's written name (halt_adds, de_risk, switch_to_base_profile, restrict_to_etfs).</summary>
    public string Name => KillSwitchActionNames.Of(Kind);
}

/// <summary>What happened to one reduce order of a de-risk.</summary>
public enum DeRiskLegStatus
{
    /// <summary>Planned, not yet decided (or its last decision was vetoed: it is decided again on the next tick).</summary>
    Planned,

    /// <summary>Sent through the order manager under its client order id: never sent again.</summary>
    Submitted,

    /// <summary>The decision pipeline vetoed it (a state or quote gate); it is decided again on the next tick of the firing's day.</summary>
    Vetoed,

    /// <summary>Abandoned: the firing's trading day ended before it could be sent, or an operator cleared the de-risk.</summary>
    Abandoned,
}

/// <summary>One reduce order of a de-risk: the symbol, the side that reduces, the quantity and the client order id derived from the firing.</summary>
public sealed record DeRiskLeg(string Symbol, OrderSide Side, decimal Position, decimal Quantity, string ClientOrderId, DeRiskLegStatus Status, string? Detail);

/// <summary>The actions in force on an account as the gates read them.</summary>
public sealed record KillSwitchActiveSet(IReadOnlyList<KillSwitchActionRecord> Active)
{
    public static KillSwitchActiveSet None { get; } = new([]);

    public bool HaltAdds => Find(KillSwitchActionKind.HaltAdds) is not null;

    /// <summary>The symbols entries are restricted to, or null when no restriction is in force.</summary>
    public IReadOnlySet<string>? AllowedSymbols => Find(KillSwitchActionKind.RestrictToList)?.Symbols is { } s ? new HashSet<string>(s, StringComparer.Ordinal) : null;

    /// <summary>The profile sizing switched to, or null when switch_to_base_profile is not in force.</summary>
    public string? BaseProfile => Find(KillSwitchActionKind.SwitchToBaseProfile)?.BaseProfile;

    private KillSwitchActionRecord? Find(KillSwitchActionKind kind)
    {
        foreach (var a in Active)
        {
            if (a.Kind == kind && a.Active)
            {
                return a;
            }
        }

        return null;
    }
}

/// <summary>The written names of the persisted actions, parsed once at the edge (CLI, HTTP).</summary>
public static class KillSwitchActionNames
{
    public const string HaltAdds = "halt_adds";
    public const string DeRisk = "de_risk";
    public const string SwitchToBaseProfile = "switch_to_base_profile";
    public const string RestrictToEtfs = "restrict_to_etfs";

    /// <summary>The actions that persist until cleared (notify_and_record is done when it is recorded).</summary>
    public static IReadOnlyList<string> Clearable { get; } = [HaltAdds, DeRisk, SwitchToBaseProfile, RestrictToEtfs];

    public static string Of(KillSwitchActionKind kind) => kind switch
    {
        KillSwitchActionKind.HaltAdds => HaltAdds,
        KillSwitchActionKind.DeRisk => DeRisk,
        KillSwitchActionKind.SwitchToBaseProfile => SwitchToBaseProfile,
        KillSwitchActionKind.RestrictToList => RestrictToEtfs,
        _ => "notify_and_record",
    };

    /// <summary>The kind of a clearable action's name, or a typed error naming the field and the choices.</summary>
    public static KillSwitchActionKind Parse(string? name, string field = "action") => name switch
    {
        HaltAdds => KillSwitchActionKind.HaltAdds,
        DeRisk => KillSwitchActionKind.DeRisk,
        SwitchToBaseProfile => KillSwitchActionKind.SwitchToBaseProfile,
        RestrictToEtfs => KillSwitchActionKind.RestrictToList,
        _ => throw new Core.Errors.TesseraValidationException(field, name, "one of " + string.Join(", ", Clearable)),
    };
}
