namespace Tessera.Core.Contracts;

/// <summary>Rule names used by the L0 gate, the returns-matrix builder and the candidate contract (see ALGORITHMS.md "Returns and contracts").</summary>
public static class ContractRules
{
    public const string NotSorted = "timestamps must be strictly increasing";
    public const string Duplicate = "timestamps must be unique";
    public const string NonFinite = "values must be finite";
    public const string NonPositivePrice = "prices must be > 0";
    public const string NegativeVolume = "volume must be >= 0";
    public const string Ohlc = "low <= open, close <= high";
    public const string NotUtcMidnight = "daily bars must be stamped at 00:00 UTC";
    public const string LargeReturn = "|r| <= 1 (warning)";
    public const string ToxicReturn = "|r| <= 5 (toxic asset dropped)";
    public const string Density = "gap ratio against the union calendar must be <= max";
    public const string TooShort = "at least 2 aligned observations";
    public const string InnerJoin = "date missing for at least one asset (inner join)";
    public const string EmptyMatrix = "returns matrix needs >= 1 asset and >= 1 return";

    public const string SymbolNotQualified = "symbol must be EXCHANGE:SYMBOL";
    public const string InvalidSymbol = "symbol must parse as EXCHANGE:SYMBOL";
    public const string IdentityMismatch = "identity must equal symbol";
    public const string ExchangeMismatch = "exchange must equal the symbol prefix";
    public const string InvalidDirection = "direction must be LONG or SHORT";
    public const string InvalidMetadata = "metadata keys must be non-empty";
    public const string ConflictingAssetType = "duplicates must agree on asset_type";
    public const string MetadataOverwritten = "duplicate metadata key: last value kept";
}
