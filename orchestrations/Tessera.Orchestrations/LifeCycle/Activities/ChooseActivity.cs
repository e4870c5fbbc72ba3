using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Allocation;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 8a: read the optimizers' results and choose one by the profile's policy (<see cref="ChoicePolicy"/>:
/// <c>min_volatility</c> or <c>prefer:NAME</c>); optimization/choice.json records the chosen weights and every candidate.
/// </summary>
public static class ChooseActivity
{
    public static async Task<ChoiceOutput> RunAsync(ChooseInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var results = await ReadResultsAsync(services, input.RunId, input.Candidates, cancellationToken).ConfigureAwait(false);
        var optimizers = new Optimizer[results.Count];
        var volatilities = new double[results.Count];
        var considered = new List<ChoiceCandidate>(results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            optimizers[i] = results[i].Optimizer;
            volatilities[i] = results[i].AnnualizedVolatility;
            considered.Add(new ChoiceCandidate(optimizers[i], volatilities[i]));
        }

        var policy = input.Profile.Optimization.Policy;
        var choice = policy.Choose(optimizers, volatilities);
        var chosen = results[choice.Index];
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "optimization/choice.json",
            new ChoiceArtifact(policy, chosen.Optimizer, choice.Reason, chosen.Atoms, chosen.Weights, considered),
            cancellationToken).ConfigureAwait(false);
        return new ChoiceOutput(artifact, chosen.Optimizer, choice.Reason);
    }

    /// <summary>Reads every optimizer's artifact (hash verified), in the order of <paramref name="optimizers"/>.</summary>
    public static async Task<IReadOnlyList<OptimizerArtifact>> ReadResultsAsync(LifeCycleServices services, string runId, IReadOnlyList<OptimizerOutput> optimizers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(optimizers);
        var results = new List<OptimizerArtifact>(optimizers.Count);
        foreach (var o in optimizers)
        {
            results.Add(await services.Artifacts.ReadJsonAsync<OptimizerArtifact>(runId, o.Result, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }
}
