namespace Tessera.Exchange.Persistence;

/// <summary>Everything persisted for one account, as JSON documents (one per entity): what a restart loads.</summary>
public sealed record ExchangeSnapshot(byte[] Account, IReadOnlyList<byte[]> Positions, IReadOnlyList<byte[]> Orders, IReadOnlyList<byte[]> Activities);

/// <summary>What changed since the last save. <see cref="Reset"/> first wipes the account's stored state.</summary>
public sealed record ExchangeChanges(
    bool Reset,
    byte[]? Account,
    IReadOnlyList<KeyValuePair<string, byte[]>> Positions,
    IReadOnlyList<KeyValuePair<string, byte[]>> Orders,
    IReadOnlyList<KeyValuePair<string, byte[]>> Activities)
{
    public int Count => (Account is null ? 0 : 1) + Positions.Count + Orders.Count + Activities.Count;
}

/// <summary>Where the exchange keeps its account state between runs.</summary>
public interface IExchangeStateStore
{
    /// <summary>Printable, without credentials.</summary>
    string Description { get; }

    Task<ExchangeSnapshot?> LoadAsync(string accountKey, CancellationToken cancellationToken);

    Task SaveAsync(string accountKey, ExchangeChanges changes, CancellationToken cancellationToken);
}
