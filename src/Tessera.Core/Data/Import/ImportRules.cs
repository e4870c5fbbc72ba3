namespace Tessera.Core.Data.Import;

/// <summary>Names of the rules an imported row or file can break; they appear in errors and reports verbatim.</summary>
public static class ImportRules
{
    // File-level: fail the import in both modes.
    public const string EmptyFile = "empty-file";
    public const string NoDataRows = "no-data-rows";
    public const string MissingColumn = "missing-column";
    public const string DuplicateColumn = "duplicate-column";
    public const string UnknownColumn = "unknown-column";
    public const string CorruptCompression = "corrupt-or-truncated-gzip";
    public const string LineTooLong = "line-too-long";
    public const string TooManyRows = "row-limit";
    public const string TooManyBytes = "decompressed-size-limit";
    public const string NothingAccepted = "no-row-accepted";

    // Row-level: strict fails, lenient drops the row.
    public const string InvalidUtf8 = "invalid-utf8";
    public const string ColumnCount = "column-count";
    public const string MissingField = "missing-field";
    public const string InvalidSymbol = "invalid-symbol";
    public const string InvalidTimestamp = "invalid-timestamp";
    public const string TimestampNotUtc = "timestamp-not-utc";
    public const string TimestampOutOfRange = "timestamp-outside-market-range";
    public const string NotANumber = "not-a-number";
    public const string NonFinite = "non-finite";
    public const string NonPositivePrice = "non-positive-price";
    public const string OutOfRange = "value-out-of-range";
    public const string OhlcInconsistent = "low <= open, close <= high";
    public const string NegativeVolume = "negative-volume";
    public const string DuplicateTimestamp = "duplicate-timestamp";
    public const string NotIncreasing = "timestamps-not-increasing";
    public const string InvalidFlag = "invalid-flag";
    public const string CrossedQuote = "bid-above-ask";
    public const string InvalidVenue = "exchange must be one ASCII letter";
}
