using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 7 (L4), one branch of the fan-out: one optimizer over the atom streams, capped by max_weight (<see cref="OptimizationStep"/>),
/// with the profile's covariance estimator (optimization.estimator; sample when absent) and constraints
/// (optimization.constraints: sector cap, ADV caps, beta band, built over the atoms by <see cref="AtomConstraints"/>),
/// written to optimization/NAME.json.
/// </summary>
public static class OptimizeActivity
{
    public static async Task<OptimizerOutput> RunAsync(OptimizeInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var settings = input.Profile.Optimization;
        var estimator = settings.Estimator is { } name ? CovarianceEstimators.ByName(name) : null;
        AtomConstraints? constraints = null;
        if (settings.Constraints is { } c)
        {
            var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Market ?? throw new InvalidOperationException("a profile with constraints needs the market frame in OptimizeInput"), cancellationToken).ConfigureAwait(false);
            constraints = BuildConstraints(c, streams, market);
        }

        var result = OptimizationStep.Run(input.Optimizer.CreateAllocator(), streams.Atoms, streams.Streams, settings.MaxWeight, null, estimator, constraints);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            $"optimization/{input.Optimizer.Name}.json",
            new OptimizerArtifact(input.Optimizer, streams.Atoms, result.Weights, result.RiskContributions, result.AnnualizedVolatility, result.Diagnostics),
            cancellationToken).ConfigureAwait(false);
        return new OptimizerOutput(input.Optimizer, artifact);
    }

    /// <summary>The profile's constraints over the atoms of <paramref name="streams"/> (also used by flattening for the assets' ADV caps).</summary>
    public static AtomConstraints BuildConstraints(Profiles.ConstraintSettings settings, StreamsArtifact streams, MarketArtifact market)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(market);
        var symbols = new string[streams.Descriptors.Count];
        var sectors = new string[symbols.Length];
        for (var a = 0; a < symbols.Length; a++)
        {
            symbols[a] = streams.Descriptors[a].Symbol;
            sectors[a] = streams.Descriptors[a].Sector;
        }

        return AtomConstraints.Build(symbols, sectors, streams.Streams, market.Symbols, market.Returns, market.AverageDollarVolume, settings.BetaBand, settings.SectorCap, settings.AdvFraction, settings.Capital);
    }
}
