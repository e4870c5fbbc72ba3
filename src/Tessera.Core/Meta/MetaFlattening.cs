using Tessera.Core.Errors;

namespace Tessera.Core.Meta;

/// <summary>One asset of the meta portfolio: net weight, its long and short legs, and whether the cap cut it after netting.</summary>
public sealed record MetaAssetWeight(string Symbol, string Sector, double Weight, double LongWeight, double ShortWeight, bool Capped);

/// <summary>Asset weights (largest |weight| first, ties by symbol), notes, gross and net exposure, and the cash the caps left.</summary>
public sealed record MetaFlattenResult(IReadOnlyList<MetaAssetWeight> Weights, IReadOnlyList<string> Notes, double GrossExposure, double NetExposure, double CappedAway);

/// <summary>
/// Flattening meta weights -> sleeve weights -> asset weights (docs/META.md): each sleeve's asset weights are scaled by
/// its meta weight, w_a = sum_s W_s w_s,a; a long sleeve's and a short sleeve's positions in one asset net. The cap is
/// re-applied after netting: |w_a| &gt; max_asset_weight is cut to the cap with its sign, and the excess stays in cash
/// (recorded in <see cref="MetaFlattenResult.CappedAway"/> and a note per capped asset).
/// </summary>
public static class MetaFlattening
{
    public static MetaFlattenResult Flatten(IReadOnlyList<double> metaWeights, IReadOnlyList<SleeveStream> sleeves, double maxAssetWeight)
    {
        ArgumentNullException.ThrowIfNull(metaWeights);
        ArgumentNullException.ThrowIfNull(sleeves);
        if (metaWeights.Count != sleeves.Count)
        {
            throw new TesseraValidationException("meta_weights", metaWeights.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "one meta weight per sleeve is required");
        }

        if (!(maxAssetWeight > 0 && maxAssetWeight <= 1))
        {
            throw new TesseraValidationException("max_asset_weight", maxAssetWeight.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must be in (0, 1]");
        }

        var order = new List<string>();
        var net = new Dictionary<string, double>(StringComparer.Ordinal);
        var longs = new Dictionary<string, double>(StringComparer.Ordinal);
        var shorts = new Dictionary<string, double>(StringComparer.Ordinal);
        var sectors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var s = 0; s < sleeves.Count; s++)
        {
            var scale = metaWeights[s];
            foreach (var w in sleeves[s].Weights)
            {
                if (!net.ContainsKey(w.Symbol))
                {
                    order.Add(w.Symbol);
                    net[w.Symbol] = 0;
                    longs[w.Symbol] = 0;
                    shorts[w.Symbol] = 0;
                    sectors[w.Symbol] = w.Sector;
                }

                var x = scale * w.Weight;
                net[w.Symbol] += x;
                if (x >= 0)
                {
                    longs[w.Symbol] += x;
                }
                else
                {
                    shorts[w.Symbol] -= x;
                }
            }
        }

        var notes = new List<string>();
        var result = new List<MetaAssetWeight>(order.Count);
        double gross = 0, total = 0, cappedAway = 0;
        foreach (var symbol in order)
        {
            var w = net[symbol];
            var capped = false;
            if (Math.Abs(w) > maxAssetWeight)
            {
                var cut = Math.Abs(w) - maxAssetWeight;
                cappedAway += cut;
                notes.Add($"{symbol}: net {w.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)} capped to {(Math.Sign(w) * maxAssetWeight).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)} after netting; {cut.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)} left in cash");
                w = Math.Sign(w) * maxAssetWeight;
                capped = true;
            }

            if (w == 0 && longs[symbol] == 0 && shorts[symbol] == 0)
            {
                continue; // held by a sleeve the meta gives weight 0
            }

            result.Add(new MetaAssetWeight(symbol, sectors[symbol], w, longs[symbol], shorts[symbol], capped));
            gross += Math.Abs(w);
            total += w;
        }

        result.Sort(static (a, b) =>
        {
            var byMagnitude = Math.Abs(b.Weight).CompareTo(Math.Abs(a.Weight));
            return byMagnitude != 0 ? byMagnitude : string.CompareOrdinal(a.Symbol, b.Symbol);
        });
        return new MetaFlattenResult(result, notes, gross, total, cappedAway);
    }
}
