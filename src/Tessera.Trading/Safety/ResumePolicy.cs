using Tessera.Core.Markets;

namespace Tessera.Trading.Safety;

/// <summary>
/// SOP-02 (seed 000): after the circuit breaker (or safety mode) halts trading, trading resumes the same trading day only
/// with an approval record (approver and reason). A manual kill switch, or an automatic halt from an earlier day, needs
/// only a reason. Pure: the caller passes the time.
/// </summary>
public static class ResumePolicy
{
    /// <summary>Null when the resume is allowed, otherwise the rule it breaks (the refusal reason shown and audited).</summary>
    public static string? Refusal(TradingSwitchState state, ResumeRequest request)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return "a resume needs a reason";
        }

        if (!state.Stopped)
        {
            return null;
        }

        var automatic = state.Halted && state.Source is HaltSource.CircuitBreaker or HaltSource.SafetyMode;
        if (automatic && state.HaltedTradingDay is { } haltDay && UsEastern.DateOf(request.At) == haltDay && !request.HasApproval)
        {
            return $"trading was halted by the {Describe(state.Source)} today ({haltDay:yyyy-MM-dd}); SOP-02 requires an approval record: --approve \"reason\" --approver NAME";
        }

        return null;
    }

    private static string Describe(HaltSource? source) => source switch
    {
        HaltSource.CircuitBreaker => "circuit breaker",
        HaltSource.SafetyMode => "stream service's safety mode",
        _ => "kill switch",
    };
}
