using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Synthesis;

/// <summary>A component of a composite: an atom and its non-negative weight inside the composite.</summary>
public sealed record CompositeComponent(StrategyAtom Atom, double Weight);

/// <summary>
/// A composition of atoms allocated as one unit (long/short pair, ensemble of logics on one asset,
/// basket). Weights are non-negative and sum to 1; the stream is the weighted sum of the component
/// streams (a SHORT component is already sign-normalized, so every weight is a long exposure to a
/// stream). Flattening expands a composite back into its atoms.
/// </summary>
public sealed record CompositeAtom(string Name, IReadOnlyList<CompositeComponent> Components)
{
    /// <summary>Long one atom, short another, half each.</summary>
    public static CompositeAtom Pair(string longAsset, string shortAsset, string logic) => new(
        "pair:" + longAsset + "/" + shortAsset + "|" + logic,
        [new(new StrategyAtom(longAsset, logic, Side.Long), 0.5), new(new StrategyAtom(shortAsset, logic, Side.Short), 0.5)]);

    /// <summary>Several logics on one asset and direction, equal weights.</summary>
    public static CompositeAtom Ensemble(string asset, Side direction, IReadOnlyList<string> logics)
    {
        if (logics.Count == 0)
        {
            throw new TesseraValidationException("ensemble.logics", null, "an ensemble needs at least one logic");
        }

        var w = 1.0 / logics.Count;
        return new CompositeAtom("ensemble:" + asset + "|" + string.Join("+", logics) + "|" + direction.ToText(), logics.Select(l => new CompositeComponent(new StrategyAtom(asset, l, direction), w)).ToList());
    }

    /// <summary>The composite's stream from its components' streams (same calendar required).</summary>
    public SyntheticStream Compose(IReadOnlyDictionary<string, SyntheticStream> streamsByAtomKey)
    {
        Validate();
        long[]? timestamps = null;
        double[]? sum = null;
        var held = 0;
        foreach (var c in Components)
        {
            if (!streamsByAtomKey.TryGetValue(c.Atom.Key, out var s))
            {
                throw new TesseraValidationException("composite.components", c.Atom.Key, "no synthetic stream for this component", Name);
            }

            if (timestamps is null)
            {
                timestamps = s.Timestamps;
                sum = new double[s.Returns.Length];
            }
            else if (!timestamps.AsSpan().SequenceEqual(s.Timestamps))
            {
                throw new TesseraValidationException("composite.components", c.Atom.Key, "component streams must share one calendar (inner-join them first)", Name);
            }

            for (var t = 0; t < sum!.Length; t++)
            {
                sum[t] += c.Weight * s.Returns[t];
            }

            held = Math.Max(held, s.BarsInPosition);
        }

        return new SyntheticStream(new StrategyAtom(Name, "composite", Side.Long), timestamps!, sum!, held);
    }

    public void Validate()
    {
        if (Components.Count == 0)
        {
            throw new TesseraValidationException("composite.components", Name, "a composite needs at least one component");
        }

        var total = 0.0;
        foreach (var c in Components)
        {
            if (!double.IsFinite(c.Weight) || c.Weight < 0)
            {
                throw new TesseraValidationException("composite.weight", PortfolioInputValidation.Str(c.Weight), "component weights must be non-negative", Name);
            }

            total += c.Weight;
        }

        if (Math.Abs(total - 1.0) > 1e-12)
        {
            throw new TesseraValidationException("composite.weights", PortfolioInputValidation.Str(total), "component weights must sum to 1", Name);
        }
    }
}
