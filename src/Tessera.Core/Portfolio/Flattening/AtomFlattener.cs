using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Core.Portfolio.Synthesis;

namespace Tessera.Core.Portfolio.Flattening;

/// <summary>
/// Atom weights -> asset weights. Composites are expanded into their atoms first; each atom adds
/// +w (LONG) or -w (SHORT) to its asset, so a LONG and a SHORT on the same asset net out (the
/// netted amount is reported). Caps are re-applied after netting: |net_i| &lt;= cap_i; an excess is
/// cut and left in cash rather than redistributed, because moving it to other assets would change
/// the risk the optimizer chose (documented in ALLOCATION.md). Risk contributions of the net
/// weights come from the asset covariance when one is given: RC_i = w_i (Sigma w)_i / w' Sigma w.
/// </summary>
public static class AtomFlattener
{
    public static FlatteningResult Flatten(
        IReadOnlyDictionary<string, double> weightsByUnit,
        IReadOnlyList<StrategyAtom> atoms,
        IReadOnlyList<CompositeAtom>? composites = null,
        IReadOnlyDictionary<string, double>? capsByAsset = null,
        IReadOnlyList<string>? covarianceAssets = null,
        CovarianceMatrix? covariance = null)
    {
        var notes = new List<string>();
        var atomByKey = atoms.ToDictionary(a => a.Key, StringComparer.Ordinal);
        var compositeByName = (composites ?? []).ToDictionary(c => c.Name, StringComparer.Ordinal);
        var longW = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var shortW = new SortedDictionary<string, double>(StringComparer.Ordinal);

        void Add(StrategyAtom atom, double w)
        {
            var target = atom.Direction == Side.Short ? shortW : longW;
            target[atom.AssetId] = target.GetValueOrDefault(atom.AssetId) + w;
            (atom.Direction == Side.Short ? longW : shortW).TryAdd(atom.AssetId, 0.0);
        }

        foreach (var (unit, w) in weightsByUnit.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!double.IsFinite(w) || w < 0)
            {
                throw new TesseraValidationException("weights[" + unit + "]", PortfolioInputValidation.Str(w), "atom weights must be finite and non-negative (L4)");
            }

            if (atomByKey.TryGetValue(unit, out var atom))
            {
                Add(atom, w);
            }
            else if (compositeByName.TryGetValue(unit, out var composite))
            {
                composite.Validate();
                foreach (var c in composite.Components)
                {
                    Add(c.Atom, w * c.Weight);
                }

                notes.Add("expanded composite " + unit + " into " + PortfolioInputValidation.Str(composite.Components.Count) + " atoms");
            }
            else
            {
                throw new TesseraValidationException("weights", unit, "unknown atom or composite");
            }
        }

        var positions = new List<AssetPosition>();
        foreach (var asset in longW.Keys)
        {
            var l = longW[asset];
            var s = shortW[asset];
            var net = l - s;
            var netted = Math.Min(l, s);
            if (netted > 0)
            {
                notes.Add("netted " + PortfolioInputValidation.Str(netted) + " of long and short on " + asset);
            }

            var capped = false;
            if (capsByAsset is not null && capsByAsset.TryGetValue(asset, out var cap) && Math.Abs(net) > cap)
            {
                notes.Add("cap " + PortfolioInputValidation.Str(cap) + " re-applied on " + asset + " after netting: " + PortfolioInputValidation.Str(net) + " -> " + PortfolioInputValidation.Str(Math.Sign(net) * cap) + " (excess left in cash)");
                net = Math.Sign(net) * cap;
                capped = true;
            }

            positions.Add(new AssetPosition(asset, l, s, net, netted, capped));
        }

        var gross = positions.Sum(p => Math.Abs(p.NetWeight));
        var netExposure = positions.Sum(p => p.NetWeight);
        var rc = new Dictionary<string, double>(StringComparer.Ordinal);
        if (covariance is not null && covarianceAssets is not null)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < covarianceAssets.Count; i++)
            {
                index[covarianceAssets[i]] = i;
            }

            var w = new double[covariance.Size];
            foreach (var p in positions)
            {
                if (!index.TryGetValue(p.AssetId, out var i))
                {
                    throw new TesseraValidationException("covarianceAssets", p.AssetId, "unknown symbol: the covariance has no row for this asset");
                }

                w[i] = p.NetWeight;
            }

            var sw = new double[w.Length];
            covariance.Multiply(w, sw);
            var variance = 0.0;
            for (var i = 0; i < w.Length; i++)
            {
                variance += w[i] * sw[i];
            }

            foreach (var p in positions)
            {
                var i = index[p.AssetId];
                rc[p.AssetId] = variance > 0 ? w[i] * sw[i] / variance : 0.0;
            }
        }

        return new FlatteningResult(positions, rc, gross, netExposure, notes);
    }
}
