namespace Tessera.Trading.Decisions;

/// <summary>
/// A decision and how it was reached: <see cref="Decision"/> is what the ledger records; <see cref="Sizing"/> is the
/// sizing trace of an entry (null for exits and target orders, which carry their own quantity);
/// <see cref="ChaseUnfilled"/> is the profile's rule for the unfilled rest of an IOC (false: recorded as cancelled,
/// never re-sent); <see cref="ConfigPin"/> and <see cref="ProfileName"/> say under which configuration it was made.
/// </summary>
public sealed record DecisionResult(TradingDecision Decision, SizingTrace? Sizing, bool ChaseUnfilled, string ProfileName, string ConfigPin)
{
    public DecisionOutcome Outcome => Decision.Outcome;

    public string? VetoCode => Decision.Veto;

    public OrderIntent? Intent => Decision.Intent;
}
