using Tessera.Core.LifeCycle;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 6: realized-volatility quadrant of the equal-weighted atom basket (<see cref="RegimeStep"/>), written to regime/regime.json.</summary>
public static class RegimeActivity
{
    public static async Task<RegimeOutput> RunAsync(ArtifactStepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Input, cancellationToken).ConfigureAwait(false);
        var settings = input.Profile.Regime;
        var regime = RegimeStep.Classify(streams.Streams, settings.ShortWindowDays, settings.LongWindowDays);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "regime/regime.json",
            new RegimeArtifact(regime.Quadrant, regime.Level.ToString(), regime.Trend.ToString(), regime.ShortVolatility, regime.LongVolatility, regime.PreviousShortVolatility, settings.ShortWindowDays, settings.LongWindowDays, RegimeStep.Series),
            cancellationToken).ConfigureAwait(false);
        return new RegimeOutput(artifact, regime.Quadrant, regime.ShortVolatility, regime.LongVolatility);
    }
}
