namespace Tessera.Core.Contracts;

/// <summary>
/// A candidate as it arrives (from a screener, a file, an API): every field optional and untrusted.
/// <see cref="CandidateContract"/> turns it into a <see cref="Candidate"/> or a violation.
/// </summary>
public sealed record RawCandidate(string? Symbol, string? Identity = null, string? Exchange = null, string? AssetType = null, string? Direction = null, IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>
/// A candidate that passed the schema contract: <see cref="Symbol"/> = <see cref="Identity"/> = <c>EXCHANGE:SYMBOL</c>
/// (canonical upper case), <see cref="Exchange"/> = the prefix, <see cref="AssetType"/> non-empty lower case
/// (default <c>spot</c>), <see cref="Direction"/> Long or Short, <see cref="Metadata"/> a dictionary (ordinal keys).
/// </summary>
public sealed record Candidate(string Symbol, string Identity, string Exchange, string AssetType, Side Direction, IReadOnlyDictionary<string, string> Metadata);

/// <summary>Contract output: candidates in deterministic order (identity, then LONG before SHORT), de-duplicated, plus findings.</summary>
public sealed record CandidateContractResult(IReadOnlyList<Candidate> Candidates, IReadOnlyList<ContractViolation> Violations);
