namespace Tessera.Core.Contracts;

/// <summary>
/// A candidate as it arrives (from a screener, a file, an API): every field optional and untrusted. The typed
/// optional fields of the seed's canonical schema (002, 8.1: market_cap_rank, volume_24h, sector, industry) are
/// init-only so existing call sites keep their shape.
/// <see cref="CandidateContract"/> turns it into a <see cref="Candidate"/> or a violation.
/// </summary>
public sealed record RawCandidate(string? Symbol, string? Identity = null, string? Exchange = null, string? AssetType = null, string? Direction = null, IReadOnlyDictionary<string, string>? Metadata = null)
{
    public int? MarketCapRank { get; init; }

    public double? Volume24h { get; init; }

    public string? Sector { get; init; }

    public string? Industry { get; init; }
}

/// <summary>
/// A candidate that passed the schema contract: <see cref="Symbol"/> = <see cref="Identity"/> = <c>EXCHANGE:SYMBOL</c>
/// (canonical upper case), <see cref="Exchange"/> = the prefix, <see cref="AssetType"/> non-empty lower case
/// (default <c>spot</c>), <see cref="Direction"/> Long or Short, <see cref="Metadata"/> a dictionary (ordinal keys).
/// Optional typed fields, null when unknown: <see cref="MarketCapRank"/> >= 1, <see cref="Volume24h"/> finite and
/// >= 0, <see cref="Sector"/> and <see cref="Industry"/> non-empty (trimmed).
/// </summary>
public sealed record Candidate(string Symbol, string Identity, string Exchange, string AssetType, Side Direction, IReadOnlyDictionary<string, string> Metadata)
{
    public int? MarketCapRank { get; init; }

    public double? Volume24h { get; init; }

    public string? Sector { get; init; }

    public string? Industry { get; init; }
}

/// <summary>Contract output: candidates in deterministic order (identity, then LONG before SHORT), de-duplicated, plus findings.</summary>
public sealed record CandidateContractResult(IReadOnlyList<Candidate> Candidates, IReadOnlyList<ContractViolation> Violations);

/// <summary>What makes two candidates duplicates of each other.</summary>
public enum CandidateMergeKey
{
    /// <summary>
    /// The canonical symbol alone (quant-platform seed 002, 8.3.2: "de-duplicated by canonical symbol"): one record
    /// per identity; duplicates that disagree on direction are a violation (the later one is dropped).
    /// </summary>
    Identity = 0,

    /// <summary>(identity, direction): a LONG and a SHORT of one asset are two candidates (the life cycle recruits both).</summary>
    IdentityAndDirection = 1,
}
