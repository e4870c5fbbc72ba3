using Tessera.Core.Regime;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 6: realized-volatility quadrant of the equal-weighted atom basket.</summary>
public static class RegimeActivity
{
    public static async Task<RegimeOutput> RunAsync(ArtifactStepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Input, cancellationToken).ConfigureAwait(false);
        var n = streams.Timestamps.Length;
        var basket = new double[n];
        foreach (var s in streams.Streams)
        {
            for (var t = 0; t < n; t++)
            {
                basket[t] += s[t];
            }
        }

        for (var t = 0; t < n; t++)
        {
            basket[t] /= streams.Streams.Length;
        }

        var settings = input.Profile.Regime;
        var regime = VolatilityQuadrant.Classify(basket, settings.ShortWindowDays, settings.LongWindowDays);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "regime/regime.json",
            new RegimeArtifact(regime.Quadrant, regime.Level.ToString(), regime.Trend.ToString(), regime.ShortVolatility, regime.LongVolatility, regime.PreviousShortVolatility, settings.ShortWindowDays, settings.LongWindowDays, "equal-weighted atom basket"),
            cancellationToken).ConfigureAwait(false);
        return new RegimeOutput(artifact, regime.Quadrant, regime.ShortVolatility, regime.LongVolatility);
    }
}
