using Tessera.Alpaca.Errors;

namespace Tessera.Trading.Orders;

/// <summary>What <see cref="OrderManager.SubmitAsync"/> concluded.</summary>
public enum SubmissionOutcome
{
    /// <summary>This call POSTed the order and the broker holds it.</summary>
    Submitted,

    /// <summary>The decision was already claimed: the recorded outcome is returned and the broker was not contacted.</summary>
    DuplicateReplay,

    /// <summary>The broker already held an order with this client order id (found by the look-up before any POST, or
    /// after a duplicate refusal): it was adopted, nothing was POSTed anew.</summary>
    AdoptedFromBroker,

    /// <summary>The broker refused the order (a typed broker error).</summary>
    Rejected,

    /// <summary>Neither the POST nor the look-ups said whether the broker took it: SUBMISSION_UNKNOWN, resolved by the poller.</summary>
    Unknown,
}

/// <summary>The outcome, the order record as it stands, and for <see cref="SubmissionOutcome.Rejected"/> the broker's error.</summary>
public sealed record SubmissionResult(SubmissionOutcome Outcome, OrderRecord Record, AlpacaApiException? BrokerError = null)
{
    /// <summary>For a replay: the outcome recorded on the idempotency row the first time ("CLAIMED" if that call never finished).</summary>
    public string? RecordedOutcome { get; init; }
}

/// <summary>Spellings of outcomes on the idempotency row.</summary>
public static class SubmissionOutcomeNames
{
    /// <summary>The row exists but the call that created it has not recorded an outcome (in flight, or it died).</summary>
    public const string Claimed = "CLAIMED";

    public static string Of(SubmissionOutcome outcome) => outcome switch
    {
        SubmissionOutcome.Submitted => "SUBMITTED",
        SubmissionOutcome.DuplicateReplay => "DUPLICATE_REPLAY",
        SubmissionOutcome.AdoptedFromBroker => "ADOPTED_FROM_BROKER",
        SubmissionOutcome.Rejected => "REJECTED",
        _ => "SUBMISSION_UNKNOWN",
    };
}
