using System.Text.Json;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Tests.Durable;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.LifeCycle;

/// <summary>The regime_hmm profile: the HMM decides the regime, regime/hmm.json records the fit, and the regime sets the gross exposure.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RegimeHmmLifeCycleTests(AzuriteFixture azurite)
{
    private static readonly ProfileCatalog Profiles = new(RepositoryPaths.Profiles);

    [Fact]
    public async Task The_hmm_regime_is_recorded_and_scales_the_gross_exposure_by_the_profiles_budget()
    {
        await using var h = await LifeCycleHost.StartAsync(azurite.ConnectionString);
        var profile = Profiles.Get("regime_hmm");
        var status = await h.RunAsync("lc-hmm", profile);
        Assert.True(status.RuntimeStatus == OrchestrationRuntimeStatus.Completed, status.FailureDetails?.ToString());
        var output = status.ReadOutputAs<LifeCycleOutput>()!;

        var hmm = JsonSerializer.Deserialize<HmmArtifact>(await h.Artifacts.ReadAsync("lc-hmm", "regime/hmm.json"), ArtifactJson.Options)!;
        Assert.Equal(HmmArtifact.ModelVersion, hmm.Version);
        Assert.Equal(output.Regime, hmm.Regime);
        Assert.Contains(hmm.Regime, new[] { "bear", "neutral", "bull" });
        Assert.Equal(["bear", "neutral", "bull"], hmm.States.Select(s => s.Label));
        Assert.True(hmm.States[0].Mean < hmm.States[1].Mean && hmm.States[1].Mean < hmm.States[2].Mean);
        Assert.Equal(1.0, hmm.States.Sum(s => s.FilteredProbability), 9);
        Assert.Equal(hmm.Regime, hmm.States.MaxBy(s => s.FilteredProbability)!.Label);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", hmm.FitThrough);

        // The regime's exposure is the L4 budget actually invested; the rest is cash, and weights.json says so.
        var budget = profile.Regime.Exposure![hmm.Regime];
        Assert.Equal(budget, output.Weights.Sum(w => w.LongWeight + w.ShortWeight), 9);
        var weights = JsonSerializer.Deserialize<WeightsArtifact>(await h.Artifacts.ReadAsync("lc-hmm", "weights.json"), ArtifactJson.Options)!;
        Assert.Contains(weights.Notes, n => n.Contains("regime '" + hmm.Regime + "'", StringComparison.Ordinal));
    }
}
