using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Selection;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Selection;

public sealed class SelectionPipelineTests
{
    // Three factor blocks of 10 assets, white-noise-like daily returns (permutation entropy ~ 1).
    private static List<SelectionCandidate> Universe(int rows = 300, ulong seed = 1)
    {
        var rng = new DeterministicRandom(seed);
        var cols = new double[30][];
        for (var j = 0; j < 30; j++)
        {
            cols[j] = new double[rows];
        }

        for (var t = 0; t < rows; t++)
        {
            var f = new[] { rng.NextNormal(), rng.NextNormal(), rng.NextNormal() };
            for (var j = 0; j < 30; j++)
            {
                cols[j][t] = 0.01 * (f[j / 10] + (0.4 * rng.NextNormal()));
            }
        }

        var list = new List<SelectionCandidate>();
        for (var j = 0; j < 30; j++)
        {
            var factors = new Dictionary<string, double>(StringComparer.Ordinal) { ["alpha"] = j };
            list.Add(new SelectionCandidate("S" + j.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), Side.Long, cols[j], 1e8, factors));
        }

        return list;
    }

    [Fact]
    public void Noise_universe_needs_the_alpha_fallback_and_every_stage_is_recorded()
    {
        var config = new HtrConfig { ClusterCount = 3 };
        var result = new SelectionPipeline(config).Run(Universe());
        Assert.True(result.Satisfied);
        Assert.Equal("alpha-fallback", result.StageUsed);
        Assert.Equal(["strict", "spectral", "cluster-floor", "alpha-fallback"], result.Stages.Select(s => s.Stage));
        Assert.All(result.Stages.Take(3), s => Assert.False(s.Satisfied));
        Assert.True(result.Selected.Count >= 15);
        Assert.Equal(3, result.Selected.Select(s => s.Cluster).Distinct().Count());
        Assert.Contains(result.Decisions, d => d.Stage == "strict" && d.Step == "predictability(entropy)" && !d.Kept && d.Reason.Contains("permutation entropy", StringComparison.Ordinal));
        Assert.Contains(result.Decisions, d => d.Step == "htr" && d.Stage == "strict" && d.Reason.EndsWith(": relax", StringComparison.Ordinal));
    }

    [Fact]
    public void Stops_at_the_first_stage_that_is_satisfied()
    {
        var lenient = new HtrStage("strict", 100, 0.1, 0, 0, null, false, 0.8, null, null);
        var config = new HtrConfig { ClusterCount = 3, Stages = [lenient, lenient with { Name = "never" }] };
        var result = new SelectionPipeline(config).Run(Universe());
        Assert.Equal("strict", result.StageUsed);
        Assert.Single(result.Stages);
        Assert.Equal(24, result.Selected.Count);

        // Percentile LONG descending on alpha: the 24 highest alpha values (6..29) survive.
        Assert.All(result.Selected, s => Assert.True(s.Candidate.Factors["alpha"] >= 6));
        Assert.Contains(result.Decisions, d => d.Step == "percentile" && d.Candidate == "S00:LONG" && !d.Kept && d.Reason.Contains("descending", StringComparison.Ordinal));
    }

    [Fact]
    public void Short_candidates_keep_the_lowest_percentile()
    {
        var shorts = Universe().Select(c => c with { Direction = Side.Short }).ToList();
        var stage = new HtrStage("strict", 100, 0.1, 0, 0, null, false, 0.5, null, null);
        var result = new SelectionPipeline(new HtrConfig { ClusterCount = 3, Stages = [stage] }).Run(shorts);
        Assert.All(result.Selected, s => Assert.True(s.Candidate.Factors["alpha"] < 15));
    }

    [Fact]
    public void Health_liquidity_and_volatility_vetoes_record_their_reasons()
    {
        var u = Universe();
        u[0] = u[0] with { Returns = u[0].Returns.Select((r, i) => i < 100 ? double.NaN : r).ToArray() };
        u[1] = u[1] with { AverageDollarVolume = 10 };
        u[2] = u[2] with { Returns = u[2].Returns.Select(r => r * 1e-4).ToArray() };
        var stage = new HtrStage("strict", 250, 0.05, 1e6, 0.001, null, false, null, null, null);
        var result = new SelectionPipeline(new HtrConfig { ClusterCount = 3, MinCandidates = 5, Stages = [stage] }).Run(u);
        Assert.Contains(result.Decisions, d => d.Candidate == "S00:LONG" && d.Step == "health" && !d.Kept && d.Reason.Contains("history 200 < 250", StringComparison.Ordinal));
        Assert.Contains(result.Decisions, d => d.Candidate == "S01:LONG" && d.Step == "liquidity" && !d.Kept);
        Assert.Contains(result.Decisions, d => d.Candidate == "S02:LONG" && d.Step == "volatility" && !d.Kept);
        Assert.Equal(27, result.Selected.Count);
    }

    [Fact]
    public void Unsatisfiable_universe_returns_the_last_stage_with_the_reason()
    {
        var tiny = Universe().Take(5).ToList();
        var result = new SelectionPipeline(new HtrConfig { ClusterCount = 2 }).Run(tiny);
        Assert.False(result.Satisfied);
        Assert.Contains("no stage reached 15", result.Reason, StringComparison.Ordinal);
        Assert.Equal(4, result.Stages.Count);
    }

    [Fact]
    public void Duplicate_candidates_are_rejected()
    {
        var u = Universe();
        u.Add(u[0]);
        Assert.Throws<TesseraValidationException>(() => new SelectionPipeline().Run(u));
    }
}
