namespace Tessera.Trading.Ledger;

/// <summary>A second anchor for the same account and day with another block count or hash: the first one stands.</summary>
public sealed class LedgerAnchorConflictException : Exception
{
    public LedgerAnchorConflictException(LedgerAnchor existing, LedgerAnchor attempted)
        : base($"the ledger of account '{existing.AccountId}' on {existing.Date:yyyy-MM-dd} is already anchored at {existing.BlockCount} blocks, " +
            $"last hash {existing.LastHash}; refusing a second anchor at {attempted.BlockCount} blocks, last hash {attempted.LastHash}")
    {
        Existing = existing;
        Attempted = attempted;
    }

    public LedgerAnchor Existing { get; }

    public LedgerAnchor Attempted { get; }
}

/// <summary>The stored chain cannot be read as blocks (run <c>tessera audit verify</c> for the first bad block).</summary>
public sealed class LedgerCorruptException(string accountId, DateOnly date, LedgerVerification verification)
    : Exception($"the ledger of account '{accountId}' on {date:yyyy-MM-dd} is corrupt at block {verification.FailedBlockIndex}: {verification.Failure} ({verification.Detail})")
{
    public LedgerVerification Verification { get; } = verification;
}

/// <summary>An append did not get through after the bounded number of attempts (contention or storage failures).</summary>
public sealed class LedgerAppendException(string accountId, DateOnly date, int attempts, Exception? last)
    : Exception($"could not append to the ledger of account '{accountId}' on {date:yyyy-MM-dd} after {attempts} attempts", last)
{
    public int Attempts { get; } = attempts;
}

/// <summary>The day's chain is anchored (closed): appending to it would make it fail verification against the anchor.</summary>
public sealed class LedgerDayClosedException(string accountId, DateOnly date)
    : Exception($"the ledger of account '{accountId}' on {date:yyyy-MM-dd} is anchored (closed); no block can be appended to it")
{
    public string AccountId { get; } = accountId;

    public DateOnly Date { get; } = date;
}
