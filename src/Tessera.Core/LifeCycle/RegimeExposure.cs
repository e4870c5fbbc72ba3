using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.LifeCycle;

/// <summary>
/// How the regime changes allocation: a profile may map each regime label to a gross exposure (its risk budget), and the
/// flattened asset weights are scaled by it, the rest held as cash. Risk contributions are shares of portfolio variance,
/// unchanged by a common scale. The labels a mapping must cover are the model's: the quadrant's four, or the HMM's.
/// </summary>
public static class RegimeExposure
{
    public static readonly IReadOnlyList<string> QuadrantLabels = ["calm", "heating", "stress", "recovery"];

    public static IReadOnlyList<string> HmmLabels(int states) => states == 2 ? ["bear", "bull"] : ["bear", "neutral", "bull"];

    /// <summary>Every label present, nothing else, each exposure in (0, 1]: an incomplete map is a typed error at load, not a surprise on a regime change.</summary>
    public static void Validate(IReadOnlyDictionary<string, double> exposure, IReadOnlyList<string> labels, string field, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var label in labels)
        {
            if (!exposure.ContainsKey(label))
            {
                throw new TesseraValidationException(field, label, "every regime label needs an exposure; labels: " + string.Join(", ", labels), source);
            }
        }

        foreach (var (label, value) in exposure)
        {
            if (!labels.Contains(label))
            {
                throw new TesseraValidationException(field + "." + label, label, "unknown regime label; labels: " + string.Join(", ", labels), source);
            }

            if (!double.IsFinite(value) || value <= 0 || value > 1)
            {
                throw new TesseraValidationException(field + "." + label, value.ToString("R", CultureInfo.InvariantCulture), "exposure must be in (0, 1]", source);
            }
        }
    }

    public static FlattenResult Scale(FlattenResult flat, string regime, double exposure)
    {
        ArgumentNullException.ThrowIfNull(flat);
        if (!double.IsFinite(exposure) || exposure <= 0 || exposure > 1)
        {
            throw new TesseraValidationException("exposure", exposure.ToString("R", CultureInfo.InvariantCulture), "must be in (0, 1]");
        }

        var weights = new List<FlatAssetWeight>(flat.Weights.Count);
        foreach (var w in flat.Weights)
        {
            weights.Add(w with { Weight = w.Weight * exposure, LongWeight = w.LongWeight * exposure, ShortWeight = w.ShortWeight * exposure });
        }

        var notes = new List<string>(flat.Notes)
        {
            string.Create(CultureInfo.InvariantCulture, $"regime '{regime}': gross exposure scaled by {exposure:0.###} (regime.exposure), {1 - exposure:P1} held as cash"),
        };
        return new FlattenResult(weights, notes, flat.GrossExposure * exposure, flat.NetExposure * exposure);
    }
}
