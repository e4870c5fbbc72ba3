namespace Tessera.Trading.Safety;

/// <summary>
/// Whether an account may trade. Two flags, as the gates see them: the kill switch (set by a person) and halted (set by
/// the circuit breaker or safety mode). <see cref="HaltedTradingDay"/> is the New York trading day of the automatic halt,
/// which is what SOP-02's "resume the same trading day requires an approval" is measured against.
/// </summary>
public sealed record TradingSwitchState(
    string AccountId,
    bool KillSwitch,
    bool Halted,
    HaltSource? Source,
    string? Reason,
    string? Actor,
    DateTimeOffset? ChangedAt,
    DateOnly? HaltedTradingDay)
{
    public static TradingSwitchState Running(string accountId) => new(accountId, false, false, null, null, null, null, null);

    /// <summary>True when either flag stops new orders.</summary>
    public bool Stopped => KillSwitch || Halted;
}

/// <summary>A request to stop trading.</summary>
public sealed record HaltRequest(HaltSource Source, string Reason, string Actor, DateTimeOffset At);

/// <summary>
/// A request to resume. <see cref="Approver"/> and <see cref="ApprovalReason"/> are the SOP-02 approval record
/// (`tessera resume --approve "reason" --approver NAME`), required after an automatic halt on the same trading day.
/// </summary>
public sealed record ResumeRequest(string Reason, string Actor, DateTimeOffset At, string? Approver = null, string? ApprovalReason = null)
{
    public bool HasApproval => !string.IsNullOrWhiteSpace(Approver) && !string.IsNullOrWhiteSpace(ApprovalReason);
}
