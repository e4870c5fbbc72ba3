using Tessera.Core.Errors;
using Tessera.Core.Governance;
using Xunit;

namespace Tessera.Core.Tests.Governance;

/// <summary>The coverage artifact of a run, hand-derived on a four-day calendar, and its JSON round trip.</summary>
public sealed class CoverageCheckTests
{
    private static readonly long[] Days = [1_000, 2_000, 3_000, 4_000];

    [Fact]
    public void Held_assets_that_miss_a_date_or_the_last_date_are_failed_symbols_and_the_rest_are_fetched()
    {
        string[] symbols = ["AAA", "BBB", "CCC", "DDD"];
        double[][] returns =
        [
            [0.01, 0.02, -0.01, 0.00],            // complete and fresh
            [0.01, double.NaN, -0.01, 0.00],      // a hole: 3 of 4
            [0.01, 0.02, -0.01, double.NaN],      // stale: last observation 3000, calendar ends 4000
            [0.01, 0.02, -0.01, 0.00],            // not held
        ];
        var c = CoverageCheck.Of("r1", "compact", Days, symbols, returns, ["AAA", "BBB", "CCC", "ZZZ"]);
        Assert.Equal(["BBB", "CCC", "ZZZ"], c.FailedSymbols);
        var attempt = Assert.Single(c.Attempts);
        Assert.Equal((1, 1, 3), (attempt.Attempt, attempt.Fetched, attempt.Failed));
        Assert.False(c.IsComplete);
        Assert.Equal(new CoverageAsset("AAA", 4, 4, 4_000, 4_000), c.Assets![0]);
        Assert.Equal(new CoverageAsset("BBB", 3, 4, 4_000, 4_000), c.Assets[1]);
        Assert.Equal(new CoverageAsset("CCC", 3, 4, 3_000, 4_000), c.Assets[2]);
        Assert.Equal(new CoverageAsset("ZZZ", 0, 4, 0, 4_000), c.Assets[3]);
    }

    [Fact]
    public void Full_coverage_is_complete_and_round_trips_through_the_strict_parser()
    {
        var c = CoverageCheck.Of("r2", "compact", Days, ["AAA"], [[0.01, 0.02, -0.01, 0.00]], ["AAA"]);
        Assert.True(c.IsComplete);
        var back = CoverageArtifact.Parse(c.ToJson());
        Assert.Equal((c.RunId, c.Profile), (back.RunId, back.Profile));
        Assert.Equal(c.Attempts, back.Attempts);
        Assert.Equal(c.Assets, back.Assets);
        Assert.Empty(back.FailedSymbols);
    }

    [Fact]
    public void A_malformed_assets_row_is_refused_naming_its_field()
    {
        var json = """{"run_id":"r","profile":"p","attempts":[{"attempt":1,"fetched":1,"failed":0,"duration":0}],"failed_symbols":[],"assets":[{"symbol":"A","observations":4,"expected":4,"last_observation":"x","calendar_end":1}]}"""u8.ToArray();
        var ex = Assert.Throws<TesseraValidationException>(() => CoverageArtifact.Parse(json));
        Assert.Equal("assets[0].last_observation", ex.Field);
    }
}
