using Tessera.Core.Errors;

namespace Tessera.Core.Meta;

/// <summary>One asset of a sleeve's (or a meta's) flattened weights: negative when the sleeve is short the asset.</summary>
public sealed record SleeveAssetWeight(string Symbol, string Sector, double Weight);

/// <summary>
/// A sleeve as the meta portfolio sees it: its daily walk-forward out-of-sample return stream (<see cref="Returns"/>, one per
/// <see cref="Timestamps"/>), the basket return of the assets it holds (<see cref="Basket"/>: the equal-weighted
/// simple return of every asset with a non-zero weight, the reference of the directional sign test), and its
/// flattened asset weights. Timestamps are strictly increasing (UTC ticks of the run's calendar).
/// </summary>
public sealed record SleeveStream(string Sleeve, Side Side, long[] Timestamps, double[] Returns, double[] Basket, IReadOnlyList<SleeveAssetWeight> Weights)
{
    /// <summary>Sum of the asset weights: negative for a sleeve that is net short.</summary>
    public double NetExposure
    {
        get
        {
            var net = 0.0;
            foreach (var w in Weights)
            {
                net += w.Weight;
            }

            return net;
        }
    }

    /// <summary>Sum of |asset weight|.</summary>
    public double GrossExposure
    {
        get
        {
            var gross = 0.0;
            foreach (var w in Weights)
            {
                gross += Math.Abs(w.Weight);
            }

            return gross;
        }
    }

    /// <summary>Shape checks: one return and one basket value per timestamp, timestamps strictly increasing, values finite.</summary>
    public void Validate()
    {
        var field = "sleeves." + Sleeve;
        if (Returns.Length != Timestamps.Length || Basket.Length != Timestamps.Length)
        {
            throw new TesseraValidationException(field + ".returns", Returns.Length + "/" + Basket.Length, "one return and one basket value per timestamp (" + Timestamps.Length + ")");
        }

        for (var i = 0; i < Timestamps.Length; i++)
        {
            if (i > 0 && Timestamps[i] <= Timestamps[i - 1])
            {
                throw new TesseraValidationException(field + ".timestamps", Timestamps[i].ToString(System.Globalization.CultureInfo.InvariantCulture), "timestamps must be strictly increasing");
            }

            if (!double.IsFinite(Returns[i]) || !double.IsFinite(Basket[i]))
            {
                throw new TesseraValidationException(field + ".returns", null, "returns and basket values must be finite");
            }
        }
    }
}
