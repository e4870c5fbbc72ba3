using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Contracts;

/// <summary>One candidate export: where it came from (a file name) and its JSON text.</summary>
public sealed record CandidateExport(string Source, string Json);

/// <summary>What consolidation produced: the canonical candidates, every finding, and how many records came in.</summary>
public sealed record CandidateConsolidationResult(IReadOnlyList<Candidate> Candidates, IReadOnlyList<ContractViolation> Violations, int RecordsIn, IReadOnlyList<string> Sources);

/// <summary>
/// The DataOps consolidation boundary of the quant-platform seed (002, 8.2-8.3 and 11.5.6): exports are read in
/// ordinal order of their source names (stable whatever order they are given in), normalized and validated by
/// <see cref="CandidateContract"/>, de-duplicated by <see cref="CandidateMergeKey"/> with metadata merged without
/// losing fields, and the numeric features a candidate carries in its metadata are held to the L1 contract
/// (<see cref="FeatureContract"/>: RSI/ADX-like fields in [0, 100], recommendation scores in [-1, 1]). Strict mode
/// throws on the first violation; lenient drops and records. No valid candidate at all is an error, so an empty
/// <c>portfolio_candidates.json</c> is never written.
/// </summary>
public static class CandidateConsolidation
{
    public static CandidateConsolidationResult Consolidate(IEnumerable<CandidateExport> exports, ContractMode mode, CandidateMergeKey mergeKey = CandidateMergeKey.Identity)
    {
        ArgumentNullException.ThrowIfNull(exports);
        var ordered = exports.OrderBy(e => e.Source, StringComparer.Ordinal).ToList();
        var raw = new List<RawCandidate>();
        foreach (var export in ordered)
        {
            raw.AddRange(CandidateJson.Read(export.Json, export.Source));
        }

        var contract = CandidateContract.Apply(raw, mode, mergeKey);
        var findings = new ContractFindings(mode);
        var kept = new List<Candidate>(contract.Candidates.Count);
        foreach (var c in contract.Candidates)
        {
            if (CheckFeatures(c, findings))
            {
                kept.Add(c);
            }
        }

        var violations = new List<ContractViolation>(contract.Violations);
        violations.AddRange(findings.Violations);
        if (kept.Count == 0)
        {
            throw new TesseraValidationException("candidates", raw.Count.ToString(CultureInfo.InvariantCulture) + " records", "consolidation needs at least one valid candidate (an empty candidate file is never written)");
        }

        return new CandidateConsolidationResult(kept, violations, raw.Count, ordered.ConvertAll(e => e.Source));
    }

    /// <summary>L1 on the metadata fields that name a bounded feature; a bounded feature that is not a number fails too.</summary>
    public static bool CheckFeatures(Candidate candidate, ContractFindings findings)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(findings);
        var ok = true;
        foreach (var key in candidate.Metadata.Keys.Order(StringComparer.Ordinal))
        {
            if (FeatureContract.KindOf(key) == FeatureKind.Unbounded)
            {
                continue;
            }

            var value = double.TryParse(candidate.Metadata[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
            ok &= FeatureContract.Check(candidate.Identity, key, value, findings, field: "metadata." + key);
        }

        return ok;
    }
}
