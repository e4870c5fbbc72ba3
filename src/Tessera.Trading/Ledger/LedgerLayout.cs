using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.Markets;

namespace Tessera.Trading.Ledger;

/// <summary>
/// Where the ledger lives: one append blob per account and New York trading day
/// (<c>audit-ledger/{account}/{yyyy-MM-dd}.jsonl</c>) and its anchor beside it (<c>{yyyy-MM-dd}.anchor.json</c>).
/// The account id becomes a path segment, so it is validated before it gets near a blob name.
/// </summary>
public static class LedgerLayout
{
    public const string DefaultContainer = "audit-ledger";

    public const int MaxAccountIdLength = 64;

    /// <summary>The chain an instant belongs to: the New York calendar date (a trading day never spans midnight there).</summary>
    public static DateOnly ChainDateOf(DateTimeOffset at) => UsEastern.DateOf(at);

    public static string ChainBlobName(string accountId, DateOnly date)
    {
        ValidateAccountId(accountId);
        return accountId + "/" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".jsonl";
    }

    public static string AnchorBlobName(string accountId, DateOnly date)
    {
        ValidateAccountId(accountId);
        return accountId + "/" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".anchor.json";
    }

    /// <summary>
    /// Account ids are 1-64 ASCII letters, digits, '-' or '_' (Alpaca ids are UUIDs or account numbers): anything else
    /// ('/', '..', '\', control characters, spaces) could escape the account's folder, so it is refused by name.
    /// </summary>
    public static void ValidateAccountId(string accountId)
    {
        if (string.IsNullOrEmpty(accountId) || accountId.Length > MaxAccountIdLength)
        {
            throw new TesseraValidationException("account", accountId, $"must be 1-{MaxAccountIdLength} characters");
        }

        foreach (var c in accountId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                throw new TesseraValidationException("account", accountId, "must contain only ASCII letters, digits, '-' and '_'");
            }
        }
    }
}
