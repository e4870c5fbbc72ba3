namespace Tessera.Exchange.Persistence;

/// <summary>
/// The row layout shared by the stores: one partition per account; row keys "account", "pos_SYMBOL", "ord_UUID",
/// "act_000000000123" (zero-padded so the activities come back in order).
/// </summary>
internal static class StateRows
{
    public const string AccountKey = "account";
    public const string PositionPrefix = "pos_";
    public const string OrderPrefix = "ord_";
    public const string ActivityPrefix = "act_";

    public static IEnumerable<KeyValuePair<string, byte[]>> FromChanges(ExchangeChanges changes)
    {
        if (changes.Account is { } account)
        {
            yield return new(AccountKey, account);
        }

        foreach (var (k, v) in changes.Positions)
        {
            yield return new(PositionPrefix + k, v);
        }

        foreach (var (k, v) in changes.Orders)
        {
            yield return new(OrderPrefix + k, v);
        }

        foreach (var (k, v) in changes.Activities)
        {
            yield return new(ActivityPrefix + k, v);
        }
    }

    public static ExchangeSnapshot? ToSnapshot(IReadOnlyDictionary<string, byte[]> rows)
    {
        if (!rows.TryGetValue(AccountKey, out var account))
        {
            return null;
        }

        List<byte[]> Take(string prefix) => rows.Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value).ToList();
        return new ExchangeSnapshot(account, Take(PositionPrefix), Take(OrderPrefix), Take(ActivityPrefix));
    }
}
