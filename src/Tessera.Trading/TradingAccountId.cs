using Tessera.Core.Errors;

namespace Tessera.Trading;

/// <summary>
/// The one rule for account ids, which become table partition keys and blob path segments: 1-64 ASCII letters, digits,
/// '-' or '_' (Alpaca's account ids are UUIDs; the local exchange's are too). Checked before any storage request.
/// </summary>
public static class TradingAccountId
{
    public const string Rule = "must be 1-64 ASCII letters, digits, '-' or '_'";

    public static string Validate(string? accountId, string field = "accountId")
    {
        if (string.IsNullOrEmpty(accountId) || accountId.Length > 64)
        {
            throw new TesseraValidationException(field, accountId, Rule);
        }

        foreach (var c in accountId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                throw new TesseraValidationException(field, accountId, Rule);
            }
        }

        return accountId;
    }
}
