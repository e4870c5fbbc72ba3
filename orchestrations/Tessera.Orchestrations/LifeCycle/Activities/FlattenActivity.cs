using System.Globalization;
using System.Text;
using Tessera.Orchestrations.Artifacts;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 8b: atom weights -> asset weights. A LONG atom adds its weight to the asset, a SHORT atom subtracts
/// it; longs and shorts of the same asset net. Writes weights.json and weights.csv (sorted by |weight|, then symbol).
/// </summary>
public static class FlattenActivity
{
    public static async Task<FlattenOutput> RunAsync(FlattenInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var choice = await services.Artifacts.ReadJsonAsync<ChoiceArtifact>(input.RunId, input.Choice, cancellationToken).ConfigureAwait(false);
        var atoms = await services.Artifacts.ReadJsonAsync<CandidatesArtifact>(input.RunId, input.Enriched, cancellationToken).ConfigureAwait(false);
        var weights = Flatten(choice.Atoms, choice.Weights, atoms.Candidates);
        double gross = 0, net = 0;
        foreach (var w in weights)
        {
            gross += Math.Abs(w.Weight);
            net += w.Weight;
        }

        var csv = new StringBuilder("symbol,sector,weight,long_weight,short_weight\n");
        foreach (var w in weights)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{CsvText.Field(w.Symbol)},{CsvText.Field(w.Sector)},{w.Weight:R},{w.LongWeight:R},{w.ShortWeight:R}\n");
        }

        var json = await services.Artifacts.WriteJsonAsync(input.RunId, "weights.json", new { chosen = choice.Chosen, gross_exposure = gross, net_exposure = net, weights }, cancellationToken).ConfigureAwait(false);
        var csvArtifact = await services.Artifacts.WriteAsync(input.RunId, "weights.csv", Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", cancellationToken).ConfigureAwait(false);
        return new FlattenOutput(json, csvArtifact, weights, gross, net);
    }

    public static IReadOnlyList<AssetWeight> Flatten(IReadOnlyList<string> atomNames, IReadOnlyList<double> atomWeights, IReadOnlyList<Candidate> atoms)
    {
        ArgumentNullException.ThrowIfNull(atomNames);
        ArgumentNullException.ThrowIfNull(atomWeights);
        ArgumentNullException.ThrowIfNull(atoms);
        var byAtom = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var a in atoms)
        {
            byAtom[a.Atom] = a;
        }

        var longs = new Dictionary<string, double>(StringComparer.Ordinal);
        var shorts = new Dictionary<string, double>(StringComparer.Ordinal);
        var sectors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < atomNames.Count; i++)
        {
            var atom = byAtom[atomNames[i]];
            sectors[atom.Symbol] = atom.Metadata.TryGetValue("sector", out var s) ? s : string.Empty;
            var target = atom.Direction == "SHORT" ? shorts : longs;
            target[atom.Symbol] = target.GetValueOrDefault(atom.Symbol) + atomWeights[i];
        }

        var result = new List<AssetWeight>(sectors.Count);
        foreach (var (symbol, sector) in sectors)
        {
            var l = longs.GetValueOrDefault(symbol);
            var s = shorts.GetValueOrDefault(symbol);
            result.Add(new AssetWeight(symbol, sector, l - s, l, s));
        }

        result.Sort(static (a, b) =>
        {
            var byMagnitude = Math.Abs(b.Weight).CompareTo(Math.Abs(a.Weight));
            return byMagnitude != 0 ? byMagnitude : string.CompareOrdinal(a.Symbol, b.Symbol);
        });
        return result;
    }
}
