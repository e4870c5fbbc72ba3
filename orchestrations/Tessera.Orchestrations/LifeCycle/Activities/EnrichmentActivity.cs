namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 4: attach sector metadata from the market frame to every selected atom.</summary>
public static class EnrichmentActivity
{
    public static async Task<CandidatesOutput> RunAsync(ArtifactStepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var selection = await services.Artifacts.ReadJsonAsync<SelectionArtifact>(input.RunId, input.Input, cancellationToken).ConfigureAwait(false);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Market!, cancellationToken).ConfigureAwait(false);
        var sector = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < market.Symbols.Length; i++)
        {
            sector[market.Symbols[i]] = market.Sectors[i];
        }

        var enriched = new List<Candidate>(selection.Selected.Count);
        foreach (var c in selection.Selected)
        {
            var metadata = new Dictionary<string, string>(c.Metadata, StringComparer.Ordinal)
            {
                ["sector"] = sector[c.Symbol],
            };
            enriched.Add(c with { Metadata = metadata });
        }

        var artifact = await services.Artifacts.WriteJsonAsync(input.RunId, "enrichment/atoms.json", new CandidatesArtifact(enriched, []), cancellationToken).ConfigureAwait(false);
        return new CandidatesOutput(artifact, enriched.Count);
    }
}
