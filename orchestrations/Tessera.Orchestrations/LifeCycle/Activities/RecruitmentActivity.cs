using System.Globalization;
using System.Text;
using Tessera.Core;
using Tessera.Core.Contracts;
using Tessera.Core.LifeCycle;
using Tessera.Orchestrations.Artifacts;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 2: canonical candidates (EXCHANGE:SYMBOL, direction) from the market frame and the profile
/// (<see cref="RecruitmentStep"/>), written to recruitment/candidates.json with the rejected assets. With the profile's
/// <c>contracts</c> section the candidates also pass the consolidation boundary of the quant-platform seed (002, 8.2-8.3,
/// 11.5.4): the candidate contract, typed sector, the L1 feature contract on their features (rsi_14 in [0, 100],
/// adv_20d finite; <see cref="CandidateFeatures"/>), written to data/portfolio_candidates.json in the run's own
/// workspace, and the L1 findings to contracts/l1_recruitment.json. Lenient mode drops a failing candidate from the
/// recruitment too; strict mode fails the run.
/// </summary>
public static class RecruitmentActivity
{
    /// <summary>Every recruited candidate is a spot position in its asset.</summary>
    public const string AssetType = "spot";

    public const string PortfolioCandidatesPath = "data/portfolio_candidates.json";

    public static async Task<CandidatesOutput> RunAsync(ArtifactStepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Input, cancellationToken).ConfigureAwait(false);
        var settings = input.Profile.Recruitment;
        var recruited = RecruitmentStep.Run(market.Symbols, market.Returns, settings.MinHistoryDays, settings.Directions);
        var candidates = new List<Candidate>(recruited.Candidates.Count);
        foreach (var c in recruited.Candidates)
        {
            candidates.Add(new Candidate(c.Symbol, c.Exchange, c.Direction, AssetType, new Dictionary<string, string>(StringComparer.Ordinal)));
        }

        var rejected = new List<string>(recruited.Rejected);
        ArtifactRecord? portfolio = null, report = null;
        if (input.Profile.Contracts is { } contracts)
        {
            var consolidated = Consolidate(market, recruited.Candidates, contracts.Mode);
            var kept = new HashSet<(string, Side)>();
            foreach (var c in consolidated.Candidates)
            {
                kept.Add((c.Identity, c.Direction));
            }

            candidates.RemoveAll(c => !kept.Contains((c.Symbol, c.Direction)));
            foreach (var v in consolidated.Findings.Violations)
            {
                rejected.Add($"{v.Subject}: {v.Rule} ({v.Field} = {v.Value})");
            }

            portfolio = await services.Artifacts.WriteAsync(input.RunId, PortfolioCandidatesPath, Encoding.UTF8.GetBytes(CandidateJson.Write(consolidated.Candidates)), "application/json", cancellationToken).ConfigureAwait(false);
            report = await services.Artifacts.WriteJsonAsync(
                input.RunId,
                "contracts/l1_recruitment.json",
                new ContractReportArtifact("L1", ContractRules.FeatureRange, contracts.Mode, recruited.Candidates.Count, recruited.Candidates.Count - consolidated.Candidates.Count, consolidated.Findings.Violations),
                cancellationToken).ConfigureAwait(false);
        }

        var artifact = await services.Artifacts.WriteJsonAsync(input.RunId, "recruitment/candidates.json", new CandidatesArtifact(candidates, rejected), cancellationToken).ConfigureAwait(false);
        return new CandidatesOutput(artifact, candidates.Count, portfolio, report);
    }

    /// <summary>The candidate contract (merge by identity and direction: recruitment considers both directions of an asset) and L1 on each candidate's features.</summary>
    private static (IReadOnlyList<Tessera.Core.Contracts.Candidate> Candidates, ContractFindings Findings) Consolidate(MarketArtifact market, IReadOnlyList<RecruitedCandidate> recruited, ContractMode mode)
    {
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < market.Symbols.Length; j++)
        {
            column[market.Symbols[j]] = j;
        }

        var raw = new List<RawCandidate>(recruited.Count);
        foreach (var c in recruited)
        {
            var j = column[c.Symbol];
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in CandidateFeatures.Of(market.Returns[j], market.AverageDollarVolume[j]))
            {
                metadata[name] = value.ToString("R", CultureInfo.InvariantCulture);
            }

            raw.Add(new RawCandidate(c.Symbol, c.Symbol, c.Exchange, AssetType, c.Direction.ToText(), metadata) { Sector = market.Sectors[j] });
        }

        var contract = CandidateContract.Apply(raw, mode, CandidateMergeKey.IdentityAndDirection);
        var findings = new ContractFindings(mode);
        foreach (var v in contract.Violations)
        {
            findings.Add(v);
        }

        var kept = new List<Tessera.Core.Contracts.Candidate>(contract.Candidates.Count);
        foreach (var c in contract.Candidates)
        {
            if (CandidateConsolidation.CheckFeatures(c, findings))
            {
                kept.Add(c);
            }
        }

        return (kept, findings);
    }
}
