using Tessera.Core.LifeCycle;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 4: attach sector metadata from the market frame (<see cref="EnrichmentStep"/>) to every selected atom.</summary>
public static class EnrichmentActivity
{
    /// <summary>The candidate metadata key that holds the asset's sector.</summary>
    public const string SectorKey = "sector";

    public static async Task<CandidatesOutput> RunAsync(ArtifactStepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var selection = await services.Artifacts.ReadJsonAsync<SelectionArtifact>(input.RunId, input.Input, cancellationToken).ConfigureAwait(false);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Market!, cancellationToken).ConfigureAwait(false);
        var symbols = new string[selection.Selected.Count];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = selection.Selected[i].Symbol;
        }

        var sectors = EnrichmentStep.Sectors(market.Symbols, market.Sectors, symbols);
        var enriched = new List<Candidate>(symbols.Length);
        for (var i = 0; i < symbols.Length; i++)
        {
            var c = selection.Selected[i];
            enriched.Add(c with { Metadata = new Dictionary<string, string>(c.Metadata, StringComparer.Ordinal) { [SectorKey] = sectors[i] } });
        }

        var artifact = await services.Artifacts.WriteJsonAsync(input.RunId, "enrichment/atoms.json", new CandidatesArtifact(enriched, []), cancellationToken).ConfigureAwait(false);
        return new CandidatesOutput(artifact, enriched.Count);
    }
}
