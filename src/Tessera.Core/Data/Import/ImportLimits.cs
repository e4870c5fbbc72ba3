using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Data.Import;

/// <summary>
/// The bounds one imported file must stay within, checked while the file streams (never after loading it):
/// <see cref="MaxDecompressedBytes"/> of CSV text (after gzip) and <see cref="MaxRows"/> data rows. Breaking either is
/// a file-level <see cref="DataImportException"/> naming the limit (rules <see cref="ImportRules.TooManyBytes"/>,
/// <see cref="ImportRules.TooManyRows"/>) in both modes. The defaults hold real data with room to spare (the S&amp;P 500
/// daily file of 2013-2018 is 619,017 rows and 29.6 MB decompressed) and keep a bomb's memory bounded; hosts raise them
/// by configuration (the CLI: <c>TESSERA_IMPORT_MAX_ROWS</c>, <c>TESSERA_IMPORT_MAX_BYTES</c>).
/// </summary>
public sealed record ImportLimits(long MaxRows, long MaxDecompressedBytes)
{
    /// <summary>Default row limit per file.</summary>
    public const long DefaultMaxRows = 1_000_000;

    /// <summary>Default decompressed size limit per file: 256 MiB.</summary>
    public const long DefaultMaxDecompressedBytes = 256L * 1024 * 1024;

    /// <summary>Earliest plausible bar timestamp (UTC): nothing traded on a modern exchange before 1900.</summary>
    public static readonly DateTime EarliestUtc = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>How far after the importer's clock a timestamp may lie (time zones, a feed's next session).</summary>
    public const int FutureToleranceDays = 7;

    /// <summary>Upper bound of timestamps when the host gave no clock (<see cref="BarImportOptions.AsOfUtc"/> null).</summary>
    public static readonly DateTime LatestWithoutClockUtc = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static ImportLimits Default { get; } = new(DefaultMaxRows, DefaultMaxDecompressedBytes);

    /// <summary>The rule text of the row limit, as errors name it.</summary>
    public string RowRule => "a file holds at most " + MaxRows.ToString("N0", CultureInfo.InvariantCulture) + " data rows (limit max_rows; raise it with TESSERA_IMPORT_MAX_ROWS)";

    /// <summary>The rule text of the size limit, as errors name it.</summary>
    public string ByteRule => "a file holds at most " + MaxDecompressedBytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes of CSV text after decompression (limit max_decompressed_bytes; raise it with TESSERA_IMPORT_MAX_BYTES)";

    /// <summary>
    /// Called by an importer for every line it reads, before the line is processed: throws the file-level
    /// <see cref="DataImportException"/> naming the limit when the decompressed bytes so far or the data rows so far
    /// (<paramref name="dataRows"/>, including this one) exceed it.
    /// </summary>
    public void Check(string source, long line, long bytesRead, long dataRows)
    {
        if (bytesRead > MaxDecompressedBytes)
        {
            throw new DataImportException(source, line, "file", bytesRead.ToString(CultureInfo.InvariantCulture) + " bytes", ImportRules.TooManyBytes + ": " + ByteRule);
        }

        if (dataRows > MaxRows)
        {
            throw new DataImportException(source, line, "file", dataRows.ToString(CultureInfo.InvariantCulture) + " rows", ImportRules.TooManyRows + ": " + RowRule);
        }
    }

    /// <summary>
    /// Reads the limits from configuration values (e.g. environment variables); absent values keep the defaults, a
    /// present value must be a positive integer or it is a validation error naming the variable.
    /// </summary>
    public static ImportLimits From(string? maxRows, string? maxBytes, string rowsName = "TESSERA_IMPORT_MAX_ROWS", string bytesName = "TESSERA_IMPORT_MAX_BYTES") =>
        new(Positive(maxRows, rowsName, DefaultMaxRows), Positive(maxBytes, bytesName, DefaultMaxDecompressedBytes));

    private static long Positive(string? text, string name, long fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new TesseraValidationException(name, text, "must be a positive integer");
    }
}
