using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.LifeCycle;

/// <summary>The optimizer result a policy chose: its index among the candidates, its name, and why.</summary>
public sealed record OptimizerChoice(int Index, string Optimizer, string Reason);

/// <summary>
/// Step 8a of the atomic life cycle: choose one optimizer's result. <c>prefer:NAME</c> takes the result of NAME
/// (a typed error when NAME produced none); any other policy (the profile allows <c>min_volatility</c>) takes the
/// lowest in-sample annualized volatility, ties broken by ordinal name, and ignores results whose volatility is
/// not finite (a typed error when none is).
/// </summary>
public static class ChoicePolicy
{
    public const string MinVolatility = "min_volatility";
    public const string PreferPrefix = "prefer:";

    public static OptimizerChoice Choose(string policy, IReadOnlyList<string> optimizers, IReadOnlyList<double> annualizedVolatility)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(optimizers);
        ArgumentNullException.ThrowIfNull(annualizedVolatility);
        if (optimizers.Count == 0)
        {
            throw new TesseraValidationException("optimization.results", "0", "at least one optimizer result is required");
        }

        if (annualizedVolatility.Count != optimizers.Count)
        {
            throw new TesseraValidationException("optimization.results", annualizedVolatility.Count.ToString(CultureInfo.InvariantCulture), $"one volatility per optimizer ({optimizers.Count}) is required");
        }

        if (policy.StartsWith(PreferPrefix, StringComparison.Ordinal))
        {
            var name = policy[PreferPrefix.Length..];
            for (var i = 0; i < optimizers.Count; i++)
            {
                if (optimizers[i] == name)
                {
                    return new OptimizerChoice(i, name, $"policy prefers {name}");
                }
            }

            throw new TesseraValidationException("optimization.policy", policy, "the preferred optimizer produced no result");
        }

        var best = -1;
        for (var i = 0; i < optimizers.Count; i++)
        {
            var v = annualizedVolatility[i];
            if (!double.IsFinite(v))
            {
                continue; // a result without a finite volatility cannot win a volatility comparison
            }

            if (best < 0 || v < annualizedVolatility[best]
                || (v == annualizedVolatility[best] && string.CompareOrdinal(optimizers[i], optimizers[best]) < 0))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            throw new TesseraValidationException("optimization.results", null, "no optimizer produced a finite volatility");
        }

        return new OptimizerChoice(best, optimizers[best], $"lowest in-sample annualized volatility ({annualizedVolatility[best].ToString("P2", CultureInfo.InvariantCulture)})");
    }
}
