using System.Collections.Concurrent;

namespace Tessera.Exchange.Persistence;

/// <summary>State kept in this process only (no storage configured): survives an exchange restart inside one process, not a process exit.</summary>
public sealed class InMemoryStateStore : IExchangeStateStore
{
    private readonly ConcurrentDictionary<string, Dictionary<string, byte[]>> _accounts = new(StringComparer.Ordinal);

    public string Description => "in memory (state is lost when the process ends)";

    public Task<ExchangeSnapshot?> LoadAsync(string accountKey, CancellationToken cancellationToken)
    {
        if (!_accounts.TryGetValue(accountKey, out var rows))
        {
            return Task.FromResult<ExchangeSnapshot?>(null);
        }

        lock (rows)
        {
            return Task.FromResult(StateRows.ToSnapshot(rows));
        }
    }

    public Task SaveAsync(string accountKey, ExchangeChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var rows = _accounts.GetOrAdd(accountKey, _ => new Dictionary<string, byte[]>(StringComparer.Ordinal));
        lock (rows)
        {
            if (changes.Reset)
            {
                rows.Clear();
            }

            foreach (var (key, value) in StateRows.FromChanges(changes))
            {
                rows[key] = value;
            }
        }

        return Task.CompletedTask;
    }
}
