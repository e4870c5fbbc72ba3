using System.Globalization;
using System.Text;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Core.Portfolio.Flattening;
using Tessera.Core.Portfolio.Synthesis;
using Tessera.Core.Signals;
using Tessera.Orchestrations.Artifacts;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 8b: atom weights -> asset weights with the portfolio flattener (Tessera.Core.Portfolio.Flattening): each
/// atom adds +w (LONG) or -w (SHORT) to its asset whatever its logic, longs and shorts of one asset net, the
/// profile's max_weight is re-applied to every net asset weight (an excess is cut and left in cash), and risk
/// contributions come from the assets' sample covariance. Writes weights.json and weights.csv.
/// </summary>
public static class FlattenActivity
{
    public static async Task<FlattenOutput> RunAsync(FlattenInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var choice = await services.Artifacts.ReadJsonAsync<ChoiceArtifact>(input.RunId, input.Choice, cancellationToken).ConfigureAwait(false);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Market, cancellationToken).ConfigureAwait(false);
        var (weights, notes) = Flatten(choice.Atoms, choice.Weights, streams.Descriptors, market, input.Profile.Optimization.MaxWeight);
        double gross = 0, net = 0;
        foreach (var w in weights)
        {
            gross += Math.Abs(w.Weight);
            net += w.Weight;
        }

        var csv = new StringBuilder("symbol,sector,weight,long_weight,short_weight,risk_contribution,capped\n");
        foreach (var w in weights)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{CsvText.Field(w.Symbol)},{CsvText.Field(w.Sector)},{w.Weight:R},{w.LongWeight:R},{w.ShortWeight:R},{w.RiskContribution:R},{(w.Capped ? "yes" : "no")}\n");
        }

        var json = await services.Artifacts.WriteJsonAsync(input.RunId, "weights.json", new { chosen = choice.Chosen, gross_exposure = gross, net_exposure = net, weights, notes }, cancellationToken).ConfigureAwait(false);
        var csvArtifact = await services.Artifacts.WriteAsync(input.RunId, "weights.csv", Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", cancellationToken).ConfigureAwait(false);
        return new FlattenOutput(json, csvArtifact, weights, gross, net);
    }

    public static (IReadOnlyList<AssetWeight> Weights, IReadOnlyList<string> Notes) Flatten(
        IReadOnlyList<string> atomNames, IReadOnlyList<double> atomWeights, IReadOnlyList<AtomDescriptor> atoms, MarketArtifact market, double maxWeight)
    {
        ArgumentNullException.ThrowIfNull(atomNames);
        ArgumentNullException.ThrowIfNull(atomWeights);
        ArgumentNullException.ThrowIfNull(atoms);
        ArgumentNullException.ThrowIfNull(market);
        var byName = new Dictionary<string, AtomDescriptor>(StringComparer.Ordinal);
        foreach (var a in atoms)
        {
            byName[a.Atom] = a;
        }

        var weightsByKey = new Dictionary<string, double>(StringComparer.Ordinal);
        var strategyAtoms = new List<StrategyAtom>(atomNames.Count);
        var sectors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < atomNames.Count; i++)
        {
            var d = byName[atomNames[i]];
            var atom = new StrategyAtom(d.Symbol, d.Logic, d.Direction == "SHORT" ? SignalSide.Short : SignalSide.Long);
            strategyAtoms.Add(atom);
            weightsByKey[atom.Key] = atomWeights[i];
            sectors[d.Symbol] = d.Sector;
        }

        // Asset covariance over the L0 calendar, for the assets that carry weight (in market order).
        var assets = new List<string>();
        var columns = new List<double[]>();
        for (var j = 0; j < market.Symbols.Length; j++)
        {
            if (sectors.ContainsKey(market.Symbols[j]))
            {
                assets.Add(market.Symbols[j]);
                columns.Add(market.Returns[j]);
            }
        }

        var caps = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var a in assets)
        {
            caps[a] = maxWeight;
        }

        var covariance = new SampleCovarianceEstimator().Estimate([.. columns]);
        var flat = AtomFlattener.Flatten(weightsByKey, strategyAtoms, null, caps, assets, covariance);
        var result = new List<AssetWeight>(flat.Positions.Count);
        foreach (var p in flat.Positions)
        {
            result.Add(new AssetWeight(p.AssetId, sectors[p.AssetId], p.NetWeight, p.LongWeight, p.ShortWeight, flat.RiskContributions.GetValueOrDefault(p.AssetId), p.Capped));
        }

        result.Sort(static (a, b) =>
        {
            var byMagnitude = Math.Abs(b.Weight).CompareTo(Math.Abs(a.Weight));
            return byMagnitude != 0 ? byMagnitude : string.CompareOrdinal(a.Symbol, b.Symbol);
        });
        return (result, flat.Notes);
    }
}
