using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Core.Portfolio.Flattening;
using Tessera.Core.Portfolio.Synthesis;

namespace Tessera.Core.LifeCycle;

/// <summary>One asset after flattening: net weight, its long and short legs, risk contribution, and whether the cap cut it.</summary>
public sealed record FlatAssetWeight(string Symbol, string Sector, double Weight, double LongWeight, double ShortWeight, double RiskContribution, bool Capped);

/// <summary>Asset weights (largest |weight| first, ties by symbol), the flattener's notes, and gross and net exposure.</summary>
public sealed record FlattenResult(IReadOnlyList<FlatAssetWeight> Weights, IReadOnlyList<string> Notes, double GrossExposure, double NetExposure);

/// <summary>
/// Step 8b of the atomic life cycle: atom weights -> asset weights with <see cref="AtomFlattener"/>. Each atom adds
/// +w (LONG) or -w (SHORT) to its asset whatever its logic, so longs and shorts of one asset net; the max weight is
/// re-applied to every net asset weight (an excess is cut and left in cash); risk contributions of the net weights
/// come from the sample covariance of the weighted assets' returns (market order). Gross = sum |w|, net = sum w.
/// </summary>
public static class FlattenStep
{
    public static FlattenResult Run(
        IReadOnlyList<string> atomNames,
        IReadOnlyList<double> atomWeights,
        IReadOnlyList<SynthesizedAtom> atoms,
        IReadOnlyList<string> symbols,
        IReadOnlyList<double[]> returns,
        double maxWeight,
        IReadOnlyDictionary<string, double>? assetCaps = null)
    {
        ArgumentNullException.ThrowIfNull(atomNames);
        ArgumentNullException.ThrowIfNull(atomWeights);
        ArgumentNullException.ThrowIfNull(atoms);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(returns);
        if (atomWeights.Count != atomNames.Count)
        {
            throw new TesseraValidationException("weights", atomWeights.Count.ToString(CultureInfo.InvariantCulture), $"one weight per atom ({atomNames.Count}) is required");
        }

        var byName = new Dictionary<string, SynthesizedAtom>(StringComparer.Ordinal);
        foreach (var a in atoms)
        {
            byName[a.Atom] = a;
        }

        var weightsByKey = new Dictionary<string, double>(StringComparer.Ordinal);
        var strategyAtoms = new List<StrategyAtom>(atomNames.Count);
        var sectors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < atomNames.Count; i++)
        {
            var d = byName.TryGetValue(atomNames[i], out var found)
                ? found
                : throw new TesseraValidationException("weights", atomNames[i], "every weighted atom must be one of the synthesized atoms");
            var atom = new StrategyAtom(d.Symbol, d.Logic, d.Direction);
            strategyAtoms.Add(atom);
            weightsByKey[atom.Key] = atomWeights[i];
            sectors[d.Symbol] = d.Sector;
        }

        // Asset covariance over the market calendar, for the assets that carry weight (in market order).
        var assets = new List<string>();
        var columns = new List<double[]>();
        var caps = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var j = 0; j < symbols.Count; j++)
        {
            if (sectors.ContainsKey(symbols[j]))
            {
                assets.Add(symbols[j]);
                columns.Add(returns[j]);
                // A liquidity (ADV) cap of the profile tightens the max weight of its asset.
                caps[symbols[j]] = assetCaps is not null && assetCaps.TryGetValue(symbols[j], out var liquidity) ? Math.Min(maxWeight, liquidity) : maxWeight;
            }
        }

        var covariance = new SampleCovarianceEstimator().Estimate([.. columns]);
        var flat = AtomFlattener.Flatten(weightsByKey, strategyAtoms, null, caps, assets, covariance);
        var result = new List<FlatAssetWeight>(flat.Positions.Count);
        foreach (var p in flat.Positions)
        {
            result.Add(new FlatAssetWeight(p.AssetId, sectors[p.AssetId], p.NetWeight, p.LongWeight, p.ShortWeight, flat.RiskContributions.GetValueOrDefault(p.AssetId), p.Capped));
        }

        result.Sort(static (a, b) =>
        {
            var byMagnitude = Math.Abs(b.Weight).CompareTo(Math.Abs(a.Weight));
            return byMagnitude != 0 ? byMagnitude : string.CompareOrdinal(a.Symbol, b.Symbol);
        });
        double gross = 0, net = 0;
        foreach (var w in result)
        {
            gross += Math.Abs(w.Weight);
            net += w.Weight;
        }

        return new FlattenResult(result, flat.Notes, gross, net);
    }
}
