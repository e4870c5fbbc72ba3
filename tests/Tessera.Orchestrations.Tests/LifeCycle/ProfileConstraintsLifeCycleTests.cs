using System.Text.Json;
using Microsoft.DurableTask.Client;
using Tessera.Core;
using Tessera.Core.Contracts;
using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Tests.Durable;
using Tessera.Testing;
using Xunit;

namespace Tessera.Orchestrations.Tests.LifeCycle;

/// <summary>
/// Profile-driven portfolio rules in the life cycle: the Ledoit–Wolf estimator, sector caps and the market-neutral
/// beta band (quant-platform seed 002, Pillar 3: |w' beta| &lt;= 0.15 as a native solver constraint) reach the optimizers,
/// and lenient contracts record what strict ones would refuse.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProfileConstraintsLifeCycleTests(AzuriteFixture azurite)
{
    private static readonly ProfileCatalog Profiles = new(RepositoryPaths.Profiles);

    private static SleeveProfile CompactWith(string name, string optimization, string directions = "[LONG]", string tail = "")
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Profiles, "compact.yaml"))
            .Replace("name: compact", "name: " + name, StringComparison.Ordinal)
            .Replace("directions: [LONG]", "directions: " + directions, StringComparison.Ordinal)
            .Replace("  max_weight: 0.15\n", "  max_weight: 0.15\n" + optimization, StringComparison.Ordinal) + tail;
        return ProfileCatalog.Parse(yaml, name + ".yaml");
    }

    [Fact]
    public async Task Seed002_sector_caps_and_the_beta_band_bind_the_optimizers_atom_weights_with_ledoit_wolf()
    {
        var profile = CompactWith("constrained", "  estimator: lw\n  constraints:\n    sector_cap: 0.4\n    beta_band: 0.15\n", "[LONG, SHORT]");
        await using var h = await LifeCycleHost.StartAsync(azurite.ConnectionString);
        var status = await h.RunAsync("lc-constrained", profile);
        Assert.True(status.RuntimeStatus == OrchestrationRuntimeStatus.Completed, status.FailureDetails?.ToString());

        var streams = await Read<StreamsArtifact>(h, "lc-constrained", "synthesis/streams.json");
        var market = await Read<MarketArtifact>(h, "lc-constrained", "market/returns.json");
        var betas = BetaEstimator.Estimate(streams.Streams, AtomConstraints.EqualWeightBenchmark(market.Returns, market.Timestamps.Length));
        foreach (var optimizer in profile.Optimization.Optimizers)
        {
            var result = await Read<OptimizerArtifact>(h, "lc-constrained", $"optimization/{optimizer.Name}.json");
            var bySector = new Dictionary<string, double>(StringComparer.Ordinal);
            var exposure = 0.0;
            for (var a = 0; a < result.Atoms.Length; a++)
            {
                var sector = streams.Descriptors[a].Sector;
                bySector[sector] = bySector.GetValueOrDefault(sector) + result.Weights[a];
                exposure += result.Weights[a] * betas[a];
            }

            Assert.All(bySector.Values, w => Assert.True(w <= 0.4 + 1e-7, $"{optimizer}: sector weight {w} > 0.4"));
            Assert.True(Math.Abs(exposure) <= 0.15 + 1e-7, $"{optimizer}: |w' beta| = {exposure}");
        }

        var weights = await Read<WeightsArtifact>(h, "lc-constrained", "weights.json");
        foreach (var sector in weights.Weights.GroupBy(w => w.Sector))
        {
            Assert.True(sector.Sum(w => Math.Abs(w.Weight)) <= 0.4 + 1e-7);
        }
    }

    [Fact]
    public async Task Ledoit_wolf_by_profile_changes_the_min_variance_weights_and_sample_stays_the_default()
    {
        var sample = CompactWith("cov_sample", string.Empty).Optimization.Estimator;
        Assert.Null(sample);
        var lw = CompactWith("cov_lw", "  estimator: lw\n")
            ;
        Assert.True(ChoicePolicy.TryParse("prefer:min_variance", out var policy));
        lw = lw with { Optimization = lw.Optimization with { Optimizers = [Tessera.Core.Portfolio.Allocation.Optimizer.EqualWeight, Tessera.Core.Portfolio.Allocation.Optimizer.MinVariance], Policy = policy } };
        var plain = lw with { Name = "cov_sample", Optimization = lw.Optimization with { Estimator = null } };
        await using var h = await LifeCycleHost.StartAsync(azurite.ConnectionString);
        foreach (var (run, profile) in new[] { ("lc-cov-lw", lw), ("lc-cov-sample", plain) })
        {
            var status = await h.RunAsync(run, profile);
            Assert.True(status.RuntimeStatus == OrchestrationRuntimeStatus.Completed, status.FailureDetails?.ToString());
        }

        var withLw = await Read<OptimizerArtifact>(h, "lc-cov-lw", "optimization/min_variance.json");
        var withSample = await Read<OptimizerArtifact>(h, "lc-cov-sample", "optimization/min_variance.json");
        Assert.Equal(withSample.Atoms, withLw.Atoms);
        Assert.NotEqual(withSample.Weights, withLw.Weights);

        // The LW run's min-variance weights are those of the min-variance engine on the LW covariance of the same streams.
        var streams = await Read<StreamsArtifact>(h, "lc-cov-lw", "synthesis/streams.json");
        var expected = OptimizationStep.Run(Tessera.Core.Portfolio.Allocation.Optimizer.MinVariance.CreateAllocator(), streams.Atoms, streams.Streams, lw.Optimization.MaxWeight, null, new LedoitWolfEstimator());
        Assert.Equal(expected.Weights, withLw.Weights);
    }

    [Fact]
    public async Task Seed002_lenient_contracts_record_and_write_the_candidate_file_and_reports()
    {
        var profile = CompactWith("contracts_lenient", string.Empty, tail: "contracts:\n  mode: lenient\n");
        await using var h = await LifeCycleHost.StartAsync(azurite.ConnectionString);
        var status = await h.RunAsync("lc-lenient", profile);
        Assert.True(status.RuntimeStatus == OrchestrationRuntimeStatus.Completed, status.FailureDetails?.ToString());
        var l3 = await Read<ContractReportArtifact>(h, "lc-lenient", "contracts/l3_synthesis.json");
        Assert.Equal(("L3", ContractMode.Lenient), (l3.Layer, l3.Mode));
        var streams = await Read<StreamsArtifact>(h, "lc-lenient", "synthesis/streams.json");
        Assert.Equal(streams.Atoms.Length, l3.Checked - l3.Dropped);
        var recruited = await Read<CandidatesArtifact>(h, "lc-lenient", "recruitment/candidates.json");
        var file = CandidateJson.Read(System.Text.Encoding.UTF8.GetString(await h.Artifacts.ReadAsync("lc-lenient", "data/portfolio_candidates.json")), "portfolio_candidates.json");
        Assert.Equal(recruited.Candidates.Select(c => c.Symbol).Order(StringComparer.Ordinal), file.Select(c => c.Symbol));
    }

    private static async Task<T> Read<T>(LifeCycleHost h, string run, string path) =>
        JsonSerializer.Deserialize<T>(await h.Artifacts.ReadAsync(run, path), ArtifactJson.Options)!;
}
