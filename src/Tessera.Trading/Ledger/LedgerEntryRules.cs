using Tessera.Core.Errors;

namespace Tessera.Trading.Ledger;

/// <summary>What an entry must look like before it may become a block (every rule names its field).</summary>
internal static class LedgerEntryRules
{
    public const int MaxKindLength = 64;

    public const int MaxTraceIdLength = 128;

    public static void Validate(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        LedgerLayout.ValidateAccountId(entry.AccountId);
        if (string.IsNullOrEmpty(entry.Kind) || entry.Kind.Length > MaxKindLength || !IsToken(entry.Kind))
        {
            throw new TesseraValidationException("kind", entry.Kind, $"must be 1-{MaxKindLength} ASCII letters, digits, '_', '-' or '.'");
        }

        if (entry.ConfigPin is null || entry.ConfigPin.Length != 64 || !IsLowerHex(entry.ConfigPin))
        {
            throw new TesseraValidationException("config_pin", entry.ConfigPin, "must be a SHA-256 in 64 lowercase hex digits");
        }

        if (string.IsNullOrEmpty(entry.TraceId) || entry.TraceId.Length > MaxTraceIdLength || HasControl(entry.TraceId))
        {
            throw new TesseraValidationException("trace_id", entry.TraceId, $"must be 1-{MaxTraceIdLength} characters without control characters");
        }

        if (entry.Payload is null)
        {
            throw new TesseraValidationException("payload", null, "must be a JSON object");
        }
    }

    private static bool IsToken(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerHex(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
