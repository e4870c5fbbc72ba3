using Azure;
using Azure.Data.Tables;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Trading.Orders;

/// <summary>
/// The idempotency rows (PK = account, RK = decision id), created if absent BEFORE a submission: the insert either
/// creates the row (this call owns the decision) or conflicts (a replay: the recorded outcome is returned and the
/// broker is never reached again). The seed's IdempotencyStore, on Table storage instead of SQLite.
/// </summary>
public sealed class IdempotencyStore
{
    private readonly ITableStore _tables;

    public IdempotencyStore(ITableStore tables, string table = "orderidempotency")
    {
        ArgumentNullException.ThrowIfNull(tables);
        TableKeys.ValidateTableName(table);
        _tables = tables;
        Table = table;
    }

    public string Table { get; }

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => _tables.CreateTableIfNotExistsAsync(Table, cancellationToken);

    /// <summary>Creates the row; null when this call claimed the decision, the existing row when it was already claimed.</summary>
    public async Task<IdempotencyRow?> TryClaimAsync(string accountId, string decisionId, string clientOrderId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(accountId, decisionId)
        {
            ["ClientOrderId"] = clientOrderId,
            ["Outcome"] = SubmissionOutcomeNames.Claimed,
            ["ClaimedAt"] = at,
        };
        try
        {
            await _tables.InsertAsync(Table, entity, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (StorageConflictException)
        {
            var existing = await _tables.GetAsync<TableEntity>(Table, accountId, decisionId, cancellationToken).ConfigureAwait(false);

            // Deleted between the conflict and the read (a wipe racing us): report it as claimed-by-someone, outcome unknown.
            return existing is null
                ? new IdempotencyRow(decisionId, clientOrderId, SubmissionOutcomeNames.Claimed)
                : new IdempotencyRow(decisionId, existing.GetString("ClientOrderId") ?? clientOrderId, existing.GetString("Outcome") ?? SubmissionOutcomeNames.Claimed);
        }
    }

    /// <summary>Records the outcome on the decision's row (upsert: a row lost in between is written back).</summary>
    public Task RecordOutcomeAsync(string accountId, string decisionId, string clientOrderId, SubmissionOutcome outcome, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(accountId, decisionId)
        {
            ["ClientOrderId"] = clientOrderId,
            ["Outcome"] = SubmissionOutcomeNames.Of(outcome),
            ["RecordedAt"] = at,
        };
        return _tables.MergeAsync(Table, entity, ifMatch: null, cancellationToken);
    }

    public async Task<IdempotencyRow?> GetAsync(string accountId, string decisionId, CancellationToken cancellationToken = default)
    {
        var e = await _tables.GetAsync<TableEntity>(Table, accountId, decisionId, cancellationToken).ConfigureAwait(false);
        return e is null ? null : new IdempotencyRow(decisionId, e.GetString("ClientOrderId") ?? string.Empty, e.GetString("Outcome") ?? SubmissionOutcomeNames.Claimed);
    }

    /// <summary>Deletes every row of the account (the power-cut simulation and manual cleanup); returns how many.</summary>
    public async Task<int> DeleteAllAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId}");
        var keys = new List<string>();
        await foreach (var e in _tables.QueryAsync<TableEntity>(Table, filter, cancellationToken).ConfigureAwait(false))
        {
            keys.Add(e.RowKey);
        }

        var deleted = 0;
        foreach (var rk in keys)
        {
            if (await _tables.DeleteAsync(Table, accountId, rk, ifMatch: null, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        return deleted;
    }
}

/// <summary>An idempotency row: the decision, its client order id and the recorded outcome ("CLAIMED" while in flight).</summary>
public sealed record IdempotencyRow(string DecisionId, string ClientOrderId, string Outcome);
