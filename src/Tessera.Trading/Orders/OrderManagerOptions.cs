using Tessera.Core.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Trading.Orders;

/// <summary>Who the order manager trades for and how it stamps what it records.</summary>
public sealed record OrderManagerOptions
{
    /// <summary>The account (partition key of both tables, and the ledger chain's account).</summary>
    public required string AccountId { get; init; }

    /// <summary>SHA-256 of the effective trading configuration, stamped on every ledger entry.</summary>
    public required string ConfigPin { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long a record may sit in APPROVED (claimed, not yet known at the broker) before the poller treats it as a
    /// submission whose process died, and resolves it by client order id.
    /// </summary>
    public TimeSpan UnresolvedAfter { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AccountId))
        {
            throw new TesseraValidationException(nameof(AccountId), AccountId, "is required");
        }

        TableKeys.ValidateKey(nameof(AccountId), AccountId);
        if (string.IsNullOrWhiteSpace(ConfigPin))
        {
            throw new TesseraValidationException(nameof(ConfigPin), ConfigPin, "is required");
        }

        if (UnresolvedAfter < TimeSpan.Zero)
        {
            throw new TesseraValidationException(nameof(UnresolvedAfter), UnresolvedAfter.ToString(), "must not be negative");
        }
    }
}
