using System.Globalization;
using System.Text;
using Tessera.Core.LifeCycle;
using Tessera.Orchestrations.Artifacts;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 8b: the chosen optimizer's atom weights -> asset weights (<see cref="FlattenStep"/>: longs and shorts of one
/// asset net, max_weight re-applied after netting, risk contributions from the assets' sample covariance). Writes
/// weights.json and weights.csv.
/// </summary>
public static class FlattenActivity
{
    public static async Task<FlattenOutput> RunAsync(FlattenInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var choice = await services.Artifacts.ReadJsonAsync<ChoiceArtifact>(input.RunId, input.Choice, cancellationToken).ConfigureAwait(false);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Market, cancellationToken).ConfigureAwait(false);
        var atoms = new List<SynthesizedAtom>(streams.Descriptors.Count);
        foreach (var d in streams.Descriptors)
        {
            atoms.Add(new SynthesizedAtom(d.Atom, d.Symbol, d.Logic, d.Direction, d.Sector, d.DaysInPosition));
        }

        // The profile's ADV caps (if any) bind the net asset weights too, not only the optimizer's atoms.
        var assetCaps = input.Profile.Optimization.Constraints is { AdvFraction: not null } c
            ? OptimizeActivity.BuildConstraints(c, streams, market).AssetCaps
            : null;
        var flat = FlattenStep.Run(choice.Atoms, choice.Weights, atoms, market.Symbols, market.Returns, input.Profile.Optimization.MaxWeight, assetCaps);
        if (input.Profile.Regime.Exposure is { } exposure && input.Regime is { } regime)
        {
            // The profile's risk budget by regime: validated at load to cover every label the model can produce.
            flat = RegimeExposure.Scale(flat, regime, exposure[regime]);
        }
        var weights = new List<AssetWeight>(flat.Weights.Count);
        var csv = new StringBuilder("symbol,sector,weight,long_weight,short_weight,risk_contribution,capped\n");
        foreach (var w in flat.Weights)
        {
            weights.Add(new AssetWeight(w.Symbol, w.Sector, w.Weight, w.LongWeight, w.ShortWeight, w.RiskContribution, w.Capped));
            csv.Append(CultureInfo.InvariantCulture, $"{CsvText.Field(w.Symbol)},{CsvText.Field(w.Sector)},{w.Weight:R},{w.LongWeight:R},{w.ShortWeight:R},{w.RiskContribution:R},{(w.Capped ? "yes" : "no")}\n");
        }

        var json = await services.Artifacts.WriteJsonAsync(
            input.RunId, "weights.json", new WeightsArtifact(choice.Chosen, flat.GrossExposure, flat.NetExposure, weights, flat.Notes), cancellationToken).ConfigureAwait(false);
        var csvArtifact = await services.Artifacts.WriteAsync(input.RunId, "weights.csv", Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", cancellationToken).ConfigureAwait(false);
        return new FlattenOutput(json, csvArtifact, weights, flat.GrossExposure, flat.NetExposure);
    }
}
