using Tessera.Core.Data;
using Tessera.Core.Errors;

namespace Tessera.Core.Contracts;

/// <summary>
/// Candidate schema contract. Per candidate (subject = its input position "#i" or its symbol):
/// symbol parses and is exchange-qualified (a bare ticker with an <c>exchange</c> field is qualified with it);
/// identity, when given, equals the symbol (else it is set to it); exchange, when given, equals the prefix
/// (case-insensitive); asset_type defaults to <c>spot</c> and is lower-cased; direction is LONG or SHORT in any
/// case; metadata keys are non-empty. Strict throws on the first violation; lenient drops the candidate and
/// records it. Then duplicates of (identity, direction) are merged in input order: metadata keys are united
/// (no field is lost; when two carry the same key with different values the last wins and the overwritten
/// value is recorded as a warning); differing asset types are a violation. Output order is ordinal by identity,
/// LONG before SHORT, independent of input order. The typed optional fields (market_cap_rank >= 1, volume_24h
/// finite >= 0, sector, industry non-empty) merge like metadata: a known value is never lost to an unknown one,
/// and of two different known values the last wins with a warning. <see cref="CandidateMergeKey"/> chooses what a
/// duplicate is: the default here stays (identity, direction) for the life cycle; the seed's rule (by canonical
/// symbol) is <see cref="CandidateMergeKey.Identity"/>, the default of <c>tessera portfolio candidates</c>.
/// </summary>
public static class CandidateContract
{
    public const string DefaultAssetType = "spot";

    public static CandidateContractResult Apply(IEnumerable<RawCandidate> input, ContractMode mode = ContractMode.Lenient, CandidateMergeKey mergeKey = CandidateMergeKey.IdentityAndDirection)
    {
        ArgumentNullException.ThrowIfNull(input);
        var violations = new List<ContractViolation>();
        var merged = new Dictionary<(string Identity, Side Direction), (Candidate Candidate, Dictionary<string, string> Metadata)>();
        var position = 0;
        foreach (var raw in input)
        {
            var subject = "#" + position++;
            var violation = TryNormalize(raw, subject, out var candidate);
            if (violation is not null)
            {
                Record(violation, mode, violations);
                continue;
            }

            // With the identity key every record of one symbol shares the key's direction slot (Flat stands for "any").
            var key = (candidate!.Identity, mergeKey == CandidateMergeKey.Identity ? Side.Flat : candidate.Direction);
            if (!merged.TryGetValue(key, out var existing))
            {
                merged.Add(key, (candidate, new Dictionary<string, string>(candidate.Metadata, StringComparer.Ordinal)));
                continue;
            }

            if (existing.Candidate.Direction != candidate.Direction)
            {
                Record(new ContractViolation(ContractRules.ConflictingDirection, candidate.Identity, "direction", existing.Candidate.Direction.ToText() + " vs " + candidate.Direction.ToText(), null, ViolationSeverity.Dropped), mode, violations);
                continue;
            }

            if (!string.Equals(existing.Candidate.AssetType, candidate.AssetType, StringComparison.Ordinal))
            {
                Record(new ContractViolation(ContractRules.ConflictingAssetType, candidate.Identity, "asset_type", existing.Candidate.AssetType + " vs " + candidate.AssetType, null, ViolationSeverity.Dropped), mode, violations);
                continue;
            }

            foreach (var (k, v) in candidate.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (existing.Metadata.TryGetValue(k, out var old) && !string.Equals(old, v, StringComparison.Ordinal))
                {
                    violations.Add(new ContractViolation(ContractRules.MetadataOverwritten, candidate.Identity, "metadata." + k, old, null, ViolationSeverity.Warning));
                }

                existing.Metadata[k] = v;
            }

            var typed = MergeTyped(existing.Candidate, candidate, violations);
            merged[key] = (typed, existing.Metadata);
        }

        var result = merged.Values
            .Select(e => e.Candidate with { Metadata = new SortedDictionary<string, string>(e.Metadata, StringComparer.Ordinal) })
            .OrderBy(c => c.Identity, StringComparer.Ordinal)
            .ThenBy(c => c.Direction) // Side orders Long before Short
            .ToList();
        return new CandidateContractResult(result, violations);
    }

    /// <summary>Typed optional fields of a duplicate: unknown never overwrites known; two different known values: the later wins, recorded.</summary>
    private static Candidate MergeTyped(Candidate existing, Candidate next, List<ContractViolation> violations)
    {
        T? Pick<T>(T? old, T? now, string field, Func<T, string> text)
        {
            if (now is null)
            {
                return old;
            }

            if (old is not null && !EqualityComparer<T>.Default.Equals(old, now))
            {
                violations.Add(new ContractViolation(ContractRules.MetadataOverwritten, next.Identity, field, text(old), null, ViolationSeverity.Warning));
            }

            return now;
        }

        return existing with
        {
            MarketCapRank = Pick(existing.MarketCapRank, next.MarketCapRank, "market_cap_rank", v => v!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Volume24h = Pick(existing.Volume24h, next.Volume24h, "volume_24h", v => v!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            Sector = Pick(existing.Sector, next.Sector, "sector", v => v!),
            Industry = Pick(existing.Industry, next.Industry, "industry", v => v!),
        };
    }

    private static void Record(ContractViolation violation, ContractMode mode, List<ContractViolation> violations)
    {
        if (mode == ContractMode.Strict)
        {
            throw new ContractViolationException(violation);
        }

        violations.Add(violation);
    }

    private static ContractViolation? TryNormalize(RawCandidate? raw, string subject, out Candidate? candidate)
    {
        candidate = null;
        ContractViolation Fail(string rule, string field, string? value) => new(rule, subject, field, value, null, ViolationSeverity.Dropped);

        if (raw is null || string.IsNullOrWhiteSpace(raw.Symbol))
        {
            return Fail(ContractRules.InvalidSymbol, "symbol", raw?.Symbol);
        }

        SymbolId id;
        try
        {
            id = SymbolId.Parse(raw.Symbol);
        }
        catch (TesseraValidationException ex)
        {
            return Fail(ContractRules.InvalidSymbol + ": " + ex.Rule, "symbol", raw.Symbol);
        }

        var exchange = raw.Exchange?.Trim().ToUpperInvariant();
        if (id.Exchange.Length == 0)
        {
            if (string.IsNullOrEmpty(exchange))
            {
                return Fail(ContractRules.SymbolNotQualified, "symbol", raw.Symbol);
            }

            try
            {
                id = SymbolId.Parse(exchange + ":" + id.Ticker);
            }
            catch (TesseraValidationException ex)
            {
                return Fail(ContractRules.InvalidSymbol + ": " + ex.Rule, "exchange", raw.Exchange);
            }
        }
        else if (!string.IsNullOrEmpty(exchange) && !string.Equals(exchange, id.Exchange, StringComparison.Ordinal))
        {
            return Fail(ContractRules.ExchangeMismatch, "exchange", raw.Exchange);
        }

        var symbol = id.ToString();
        if (!string.IsNullOrWhiteSpace(raw.Identity))
        {
            string identity;
            try
            {
                identity = SymbolId.Parse(raw.Identity, "identity").ToString();
            }
            catch (TesseraValidationException)
            {
                return Fail(ContractRules.IdentityMismatch, "identity", raw.Identity);
            }

            if (!string.Equals(identity, symbol, StringComparison.Ordinal))
            {
                return Fail(ContractRules.IdentityMismatch, "identity", raw.Identity);
            }
        }

        var assetType = string.IsNullOrWhiteSpace(raw.AssetType) ? DefaultAssetType : raw.AssetType.Trim().ToLowerInvariant();
        if (!SideText.TryParse(raw.Direction?.Trim().ToUpperInvariant(), out var direction) || !direction.IsDirection())
        {
            return Fail(ContractRules.InvalidDirection, "direction", raw.Direction);
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (raw.Metadata is not null)
        {
            foreach (var (k, v) in raw.Metadata)
            {
                if (string.IsNullOrWhiteSpace(k))
                {
                    return Fail(ContractRules.InvalidMetadata, "metadata", k);
                }

                metadata[k] = v;
            }
        }

        if (raw.MarketCapRank is < 1)
        {
            return Fail(ContractRules.InvalidMarketCapRank, "market_cap_rank", raw.MarketCapRank.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (raw.Volume24h is { } volume && !(double.IsFinite(volume) && volume >= 0))
        {
            return Fail(ContractRules.InvalidVolume, "volume_24h", volume.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (raw.Sector is { } sector && string.IsNullOrWhiteSpace(sector))
        {
            return Fail(ContractRules.EmptyText, "sector", sector);
        }

        if (raw.Industry is { } industry && string.IsNullOrWhiteSpace(industry))
        {
            return Fail(ContractRules.EmptyText, "industry", industry);
        }

        candidate = new Candidate(symbol, symbol, id.Exchange, assetType, direction, metadata)
        {
            MarketCapRank = raw.MarketCapRank,
            Volume24h = raw.Volume24h,
            Sector = raw.Sector?.Trim(),
            Industry = raw.Industry?.Trim(),
        };
        return null;
    }
}
