using System.Text;
using Tessera.Core.Errors;

namespace Tessera.Storage.Tables;

/// <summary>Validation of table names and entity keys before any request, so a bad key is a typed error naming it.</summary>
public static class TableKeys
{
    /// <summary>Keys are limited to 1 KiB; Table strings are UTF-16, so that is 512 UTF-16 code units.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Table names: 3-63 ASCII letters or digits, starting with a letter ("Tables" is reserved).</summary>
    public static void ValidateTableName(string table)
    {
        if (table is null || table.Length is < 3 or > 63 || !char.IsAsciiLetter(table[0]))
        {
            throw new TesseraValidationException("table", table, "must be 3-63 letters or digits starting with a letter");
        }

        foreach (var c in table)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                throw new TesseraValidationException("table", table, "must be 3-63 letters or digits starting with a letter");
            }
        }

        if (string.Equals(table, "Tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new TesseraValidationException("table", table, "'Tables' is reserved");
        }
    }

    /// <summary>PartitionKey/RowKey: no '/', '\\', '#', '?', no control characters, at most 1 KiB (UTF-16).</summary>
    public static void ValidateKey(string field, string key)
    {
        if (key is null)
        {
            throw new TesseraValidationException(field, null, "is required");
        }

        if (Encoding.Unicode.GetByteCount(key) > MaxKeyBytes)
        {
            throw new TesseraValidationException(field, key, $"must be at most {MaxKeyBytes} bytes (UTF-16)");
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new TesseraValidationException(field, Printable(key), "must not contain '/', '\\', '#', '?' or control characters");
            }
        }
    }

    // Control characters would garble a log line; show them as \uXXXX.
    private static string Printable(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
