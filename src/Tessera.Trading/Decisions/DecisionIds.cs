using System.Globalization;
using Tessera.Core.Determinism;
using Tessera.Core.Errors;

namespace Tessera.Trading.Decisions;

/// <summary>
/// Decision ids (seed 003 format) <c>DEC_YYYYMMDD_HHMMSS_SYMBOL_XXXXXX</c>: the decision time in UTC, the symbol ('.'
/// as '-') and the first 6 hex digits (upper case, as in the seed's example) of the SHA-256 of the decision's
/// canonical input text (profile, config pin, input, market, account, safety, time). The same inputs give the same
/// id; any change gives a different one. The client order id is the decision id itself (seed 003: the idempotency
/// key is the decision id), so a replayed decision is recognised by the broker's client_order_id uniqueness.
/// </summary>
public static class DecisionIds
{
    /// <summary>Alpaca's client_order_id limit.</summary>
    public const int MaxClientOrderIdLength = 128;

    public static string Create(DateTimeOffset decidedAt, string symbol, string canonicalInputs)
    {
        var utc = decidedAt.UtcDateTime;
        var hash = Sha256Hex.Of(canonicalInputs)[..6].ToUpperInvariant();
        return "DEC_" + utc.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture) + "_" + TradingSymbol.ForId(symbol) + "_" + hash;
    }

    /// <summary>The client order id for a decision id (validated: at most 128 characters of A-Z, a-z, 0-9, '_', '-').</summary>
    public static string ClientOrderId(string decisionId)
    {
        ValidateId(decisionId, "client_order_id");
        return decisionId;
    }

    /// <summary>Checks an id that came from outside (an HTTP route, a replay file) before it reaches storage or the broker.</summary>
    public static string ValidateId(string? id, string field = "decision_id")
    {
        const string rule = "an id is 1-128 characters of A-Z, a-z, 0-9, '_' or '-'";
        if (id is null || id.Length is 0 or > MaxClientOrderIdLength)
        {
            throw new TesseraValidationException(field, id is null ? null : id[..Math.Min(id.Length, 40)], rule);
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                throw new TesseraValidationException(field, "<" + id.Length.ToString(CultureInfo.InvariantCulture) + " characters, not shown>", rule);
            }
        }

        return id;
    }
}
