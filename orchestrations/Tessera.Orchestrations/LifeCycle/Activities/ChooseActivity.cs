using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 8a: choose one optimizer's result by the profile's policy: <c>min_volatility</c> (lowest in-sample
/// annualized volatility; ties by name) or <c>prefer:NAME</c>.
/// </summary>
public static class ChooseActivity
{
    public static async Task<ChoiceOutput> RunAsync(ChooseInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (chosen, reason) = Choose(input.Profile.Optimization.Policy, input.Candidates);
        var considered = new List<ChoiceCandidate>(input.Candidates.Count);
        foreach (var c in input.Candidates)
        {
            considered.Add(new ChoiceCandidate(c.Optimizer, c.AnnualizedVolatility));
        }

        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "optimization/choice.json",
            new ChoiceArtifact(input.Profile.Optimization.Policy, chosen.Optimizer, reason, [.. chosen.Atoms], [.. chosen.Weights], considered),
            cancellationToken).ConfigureAwait(false);
        return new ChoiceOutput(artifact, chosen.Optimizer, reason);
    }

    public static (OptimizerOutput Chosen, string Reason) Choose(string policy, IReadOnlyList<OptimizerOutput> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new TesseraValidationException("optimization.results", "0", "at least one optimizer result is required");
        }

        if (policy.StartsWith("prefer:", StringComparison.Ordinal))
        {
            var name = policy["prefer:".Length..];
            foreach (var c in candidates)
            {
                if (c.Optimizer == name)
                {
                    return (c, $"policy prefers {name}");
                }
            }

            throw new TesseraValidationException("optimization.policy", policy, "the preferred optimizer produced no result");
        }

        OptimizerOutput? best = null;
        foreach (var c in candidates)
        {
            if (!double.IsFinite(c.AnnualizedVolatility))
            {
                continue; // a result without a finite volatility cannot win a volatility comparison
            }

            if (best is null || c.AnnualizedVolatility < best.AnnualizedVolatility
                || (c.AnnualizedVolatility == best.AnnualizedVolatility && string.CompareOrdinal(c.Optimizer, best.Optimizer) < 0))
            {
                best = c;
            }
        }

        if (best is null)
        {
            throw new TesseraValidationException("optimization.results", null, "no optimizer produced a finite volatility");
        }

        return (best, $"lowest in-sample annualized volatility ({best.AnnualizedVolatility.ToString("P2", CultureInfo.InvariantCulture)})");
    }
}
