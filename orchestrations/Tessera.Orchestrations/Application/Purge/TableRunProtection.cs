using Azure.Data.Tables;
using Tessera.Orchestrations.Runs;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Orchestrations.Application.Purge;

/// <summary>
/// Governance's marks in table <c>runprotection</c>: PartitionKey "run", RowKey = run id (lowercase, as every run
/// id), property Mark (canary, promoted, frozen). Any row protects its run, whatever the Mark says: an unknown mark
/// keeps history rather than losing it. The table is empty (or absent) until governance exists.
/// </summary>
public sealed class TableRunProtection(ITableStore tables) : IRunProtection
{
    public const string Table = "runprotection";
    public const string Partition = "run";
    public const string MarkProperty = "Mark";

    public async Task<string?> MarkOfAsync(string runId, CancellationToken cancellationToken)
    {
        RunId.Validate(runId);
        try
        {
            var row = await tables.GetAsync<TableEntity>(Table, Partition, runId, cancellationToken).ConfigureAwait(false);
            return row is null ? null : row.GetString(MarkProperty) is { Length: > 0 } mark ? mark : "protected";
        }
        catch (StorageNotFoundException)
        {
            return null; // no table: governance has marked nothing yet
        }
    }

    /// <summary>Writes a mark (what governance will do; the tests use it).</summary>
    public async Task MarkAsync(string runId, string mark, CancellationToken cancellationToken)
    {
        RunId.Validate(runId);
        await tables.CreateTableIfNotExistsAsync(Table, cancellationToken).ConfigureAwait(false);
        await tables.ReplaceAsync(Table, new TableEntity(Partition, runId) { [MarkProperty] = mark }, null, cancellationToken).ConfigureAwait(false);
    }
}
