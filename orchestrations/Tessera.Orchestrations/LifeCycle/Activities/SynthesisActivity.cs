using Tessera.Core.LifeCycle;
using Tessera.Core.Signals;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 5 (L3): one synthetic stream per atom: LONG r, SHORT -clip(r, upper = 1).</summary>
public static class SynthesisActivity
{
    public static async Task<SynthesisOutput> RunAsync(ArtifactStepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var atoms = await services.Artifacts.ReadJsonAsync<CandidatesArtifact>(input.RunId, input.Input, cancellationToken).ConfigureAwait(false);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Market!, cancellationToken).ConfigureAwait(false);
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < market.Symbols.Length; i++)
        {
            column[market.Symbols[i]] = i;
        }

        var names = new string[atoms.Candidates.Count];
        var streams = new double[atoms.Candidates.Count][];
        for (var a = 0; a < names.Length; a++)
        {
            var c = atoms.Candidates[a];
            var returns = market.Returns[column[c.Symbol]];
            names[a] = c.Atom;
            streams[a] = new double[returns.Length];
            AtomStream.Normalize(returns, c.Direction == "SHORT" ? SignalSide.Short : SignalSide.Long, streams[a]);
        }

        var artifact = await services.Artifacts.WriteJsonAsync(input.RunId, "synthesis/streams.json", new StreamsArtifact(market.Timestamps, names, streams), cancellationToken).ConfigureAwait(false);
        return new SynthesisOutput(artifact, names.Length, market.Timestamps.Length);
    }
}
