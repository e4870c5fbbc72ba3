namespace Tessera.Core.Data.Import;

/// <summary>How to read a bar file.</summary>
public sealed record BarImportOptions
{
    public ImportMode Mode { get; init; } = ImportMode.Lenient;

    /// <summary>Label used in errors and reports (usually the file name).</summary>
    public string Source { get; init; } = "<stream>";

    /// <summary>Symbol for files without a symbol column (one-file-per-symbol folders).</summary>
    public string? DefaultSymbol { get; init; }

    /// <summary>Exchange prefixed to bare tickers (empty = unknown, identity is then just the ticker).</summary>
    public string DefaultExchange { get; init; } = string.Empty;

    /// <summary>When both Close and Adj Close exist, use Adj Close.</summary>
    public bool UseAdjustedClose { get; init; }

    /// <summary>Strict mode normally refuses unknown columns; set to accept and ignore them.</summary>
    public bool AllowUnknownColumns { get; init; }

    /// <summary>
    /// A file without a volume column is accepted with every volume 0 (an index such as VIX has no volume; the report
    /// says so). Off by default: a stock file that lost its volume column is an error, not zeros.
    /// </summary>
    public bool VolumeOptional { get; init; }

    /// <summary>Prices above this are refused as implausible (a guard against unit or parsing accidents).</summary>
    public double MaxPrice { get; init; } = 1e9;

    public double MaxVolume { get; init; } = 1e15;

    /// <summary>
    /// How much one file may hold (decompressed bytes and data rows), checked while streaming so a gzip bomb fails
    /// fast with a typed error instead of filling memory (<see cref="ImportLimits"/>).
    /// </summary>
    public ImportLimits Limits { get; init; } = ImportLimits.Default;

    /// <summary>
    /// The clock's "now" in UTC that bounds plausible timestamps from above (<see cref="ImportRules.TimestampOutOfRange"/>:
    /// at most <see cref="ImportLimits.FutureToleranceDays"/> days after it). Hosts set it from their clock (Core reads
    /// no clock); when null the upper bound is <see cref="ImportLimits.LatestWithoutClockUtc"/>.
    /// </summary>
    public DateTime? AsOfUtc { get; init; }
}
