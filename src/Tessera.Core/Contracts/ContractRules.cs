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
    public const string ConflictingDirection = "duplicates of one identity must agree on direction";
    public const string InvalidMarketCapRank = "market_cap_rank must be >= 1 when given";
    public const string InvalidVolume = "volume_24h must be finite and >= 0 when given";
    public const string EmptyText = "sector and industry must be non-empty when given";

    // Layered invariants of the quant-platform seed (002, section 11.1 "Layered Invariants (L0-L4)").
    public const string FeatureRange = "L1: bounded features (RSI/ADX) must be in [0, 100]";
    public const string ScoreRange = "L1: recommendation scores must be in [-1, 1]";
    public const string FeatureFinite = "L1: features must be finite";
    public const string AlphaScoreRange = "L2: alpha_score must be in [0, 1]";
    public const string ProbabilityRange = "L2: probabilities must be in [0, 1]";
    public const string AtomStreamLength = "L3: an atom stream has one value per raw return";
    public const string AtomStreamInverted = "L3: a held atom's stream is r (LONG) or -clip(r, upper = 1) (SHORT)";
    public const string AtomStreamLossCap = "L3: an atom never loses more than 100% in one period (stream >= -1, finite)";
    public const string AtomOneLogic = "L3: an atom has exactly one logic";
}
