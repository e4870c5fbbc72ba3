using System.Runtime.CompilerServices;
using Tessera.Storage.Tables;

namespace Tessera.Testing;

/// <summary>
/// Simulates the death of a process for its storage: after <see cref="Kill"/>, every call fails before reaching
/// the real store, so the "dead" engine cannot write anything more (in-process stand-in for a killed host).
/// </summary>
public sealed class KillableTableStore(ITableStore inner) : ITableStore
{
    private volatile bool _killed;

    public bool IsKilled => _killed;

    public void Kill() => _killed = true;

    /// <summary>Kills the store just before a delete for which this returns true (table, row key): a crash point inside a multi-step write.</summary>
    public Func<string, string, bool>? KillBeforeDelete { get; set; }

    public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default) =>
        _killed ? Task.FromException(Killed()) : inner.CreateTableIfNotExistsAsync(table, cancellationToken);

    public Task<string> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken = default) =>
        _killed ? Task.FromException<string>(Killed()) : inner.InsertAsync(table, entity, cancellationToken);

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        _killed ? Task.FromException<TableEntity?>(Killed()) : inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

    public Task<string> ReplaceAsync(string table, TableEntity entity, string? ifMatch, CancellationToken cancellationToken = default) =>
        _killed ? Task.FromException<string>(Killed()) : inner.ReplaceAsync(table, entity, ifMatch, cancellationToken);

    public Task<string> MergeAsync(string table, TableEntity entity, string? ifMatch, CancellationToken cancellationToken = default) =>
        _killed ? Task.FromException<string>(Killed()) : inner.MergeAsync(table, entity, ifMatch, cancellationToken);

    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        if (KillBeforeDelete?.Invoke(table, rowKey) == true)
        {
            Kill();
        }

        return _killed ? Task.FromException<bool>(Killed()) : inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);
    }

    public Task<TableQueryPage> QueryPageAsync(string table, string? filter, TableContinuation? continuation = null, int? top = null, CancellationToken cancellationToken = default) =>
        _killed ? Task.FromException<TableQueryPage>(Killed()) : inner.QueryPageAsync(table, filter, continuation, top, cancellationToken);

    public async IAsyncEnumerable<TableEntity> QueryAsync(string table, string? filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfKilled();
        await foreach (var e in inner.QueryAsync(table, filter, cancellationToken).ConfigureAwait(false))
        {
            ThrowIfKilled();
            yield return e;
        }
    }

    private void ThrowIfKilled()
    {
        if (_killed)
        {
            throw Killed();
        }
    }

    private static IOException Killed() => new("process killed (simulated): storage unreachable");
}
