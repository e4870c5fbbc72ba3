using System.Text.Json;
using Microsoft.DurableTask.Client;
using Tessera.Core.Contracts;
using Tessera.Core.Validation;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Tests.Durable;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.LifeCycle;

/// <summary>
/// The alpha profile (Alpha blueprint, seed 000) runs to completion: HMM regime, ADV caps of 1% of the 20-day ADV at the
/// profile's capital on every asset weight, Ledoit–Wolf covariance, purged CV with gap 10 / embargo 0.01, and the
/// quant-platform seed's strict L1–L3 contracts with data/portfolio_candidates.json in the run's workspace.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AlphaProfileLifeCycleTests(AzuriteFixture azurite)
{
    private static readonly ProfileCatalog Profiles = new(RepositoryPaths.Profiles);

    [Fact]
    public async Task Seed000_alpha_profile_runs_to_completion_with_its_blueprint_rules_applied()
    {
        await using var h = await LifeCycleHost.StartAsync(azurite.ConnectionString);
        var profile = Profiles.Get("alpha");
        var status = await h.RunAsync("lc-alpha", profile);
        Assert.True(status.RuntimeStatus == OrchestrationRuntimeStatus.Completed, status.FailureDetails?.ToString());
        var output = status.ReadOutputAs<LifeCycleOutput>()!;
        Assert.Contains(output.Regime, new[] { "bear", "neutral", "bull" });

        // Seed 000 risk.adv_position_limit 0.01: no asset above 1% of its 20-day ADV$ at the profile's capital.
        var market = await Read<MarketArtifact>(h, "market/returns.json");
        var constraints = profile.Optimization.Constraints!;
        foreach (var w in output.Weights)
        {
            var j = Array.IndexOf(market.Symbols, w.Symbol);
            var cap = constraints.AdvFraction!.Value * market.AverageDollarVolume[j] / constraints.Capital!.Value;
            Assert.True(Math.Abs(w.Weight) <= Math.Min(cap, profile.Optimization.MaxWeight) + 1e-9, $"{w.Symbol} {w.Weight} > cap {cap}");
        }

        // Seed 000 validation.cv_gap_size 10 and cv_embargo_pct 0.01 are what the purged CV ran with.
        var cv = await Read<AllocationPurgedCvResult>(h, "validation/purged_cv.json");
        Assert.Equal(PurgedCvDefaults.AlphaBlueprintGap, cv.Gap);
        Assert.Equal(PurgedCvDefaults.AlphaBlueprintEmbargoPct, cv.EmbargoPct);
        Assert.Equal(5, cv.Results.Count);

        // Seed 002 8.3 / 11.5.4: portfolio_candidates.json in the run workspace, canonical, with L1-checked rsi_14.
        var candidates = CandidateJson.Read(System.Text.Encoding.UTF8.GetString(await h.Artifacts.ReadAsync("lc-alpha", "data/portfolio_candidates.json")), "portfolio_candidates.json");
        Assert.NotEmpty(candidates);
        Assert.All(candidates, c =>
        {
            Assert.Equal(c.Symbol, c.Identity);
            Assert.Equal("LONG", c.Direction);
            Assert.NotNull(c.Sector);
            var rsi = double.Parse(c.Metadata![Tessera.Core.LifeCycle.CandidateFeatures.Rsi14], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(rsi, 0.0, 100.0);
        });
        foreach (var layer in new[] { "l1_recruitment", "l2_selection", "l2_regime", "l3_synthesis" })
        {
            var report = await Read<ContractReportArtifact>(h, $"contracts/{layer}.json");
            Assert.Equal(ContractMode.Strict, report.Mode);
            Assert.Empty(report.Violations);
            Assert.True(report.Checked > 0);
        }

        var manifest = System.Text.Encoding.UTF8.GetString(await h.Artifacts.ReadAsync("lc-alpha", "manifest.json"));
        Assert.Contains("data/portfolio_candidates.json", manifest, StringComparison.Ordinal);
        Assert.Contains("\"estimator\": \"lw\"", manifest, StringComparison.Ordinal);
    }

    private static async Task<T> Read<T>(LifeCycleHost h, string path) =>
        JsonSerializer.Deserialize<T>(await h.Artifacts.ReadAsync("lc-alpha", path), ArtifactJson.Options)!;
}
