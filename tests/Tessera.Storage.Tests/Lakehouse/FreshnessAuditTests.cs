using System.Text.Json;
using Tessera.Core.Data;
using Tessera.Storage.Lakehouse;
using Xunit;

namespace Tessera.Storage.Tests.Lakehouse;

public sealed class FreshnessAuditTests
{
    private static readonly DateTime D0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static BarSeries Series(string symbol, int[] days, double[] closes) =>
        new(symbol, days.Select(d => BarSeries.ToUnixMs(D0.AddDays(d))).ToArray(), closes, closes, closes, closes, closes.Select(_ => 1.0).ToArray());

    private static LakehouseManifest Manifest(params HealthEntry[] health) => LakehouseManifest.Empty with { Version = 3, Health = health };

    [Fact]
    public void Flags_stale_symbols_gaps_short_history_and_the_largest_moves()
    {
        // FRESH: daily for 10 days, one 7-day gap (day 3 -> day 10), last bar day 12.
        var fresh = Series("FRESH", [0, 1, 2, 3, 10, 11, 12], [10, 11, 10, 10, 20, 20, 21]);
        // OLD: last bar day 2; as of day 12 it is 240 h old > 168 h.
        var old = Series("OLD", [0, 1, 2], [50, 49, 5]);
        var asOf = D0.AddDays(12);
        var toxic = new HealthEntry("OLD", "toxic", "|r| = 9 > 5", asOf);
        var report = FreshnessAudit.Compute(Manifest(toxic), "abc", [old, fresh], asOf, TimeSpan.FromHours(168), largestMoves: 2);

        Assert.Equal(["FRESH", "OLD"], report.Symbols.Select(s => s.Symbol));
        var f = report.Symbols[0];
        Assert.False(f.Stale);
        Assert.Equal(0, f.AgeHours);
        Assert.Equal(1, f.Gaps);
        Assert.Equal(7, f.LargestGapDays);
        var o = report.Symbols[1];
        Assert.True(o.Stale);
        Assert.Equal(240, o.AgeHours);
        Assert.Equal("toxic", o.Health);
        Assert.Equal(1, report.StaleCount);
        Assert.Equal(1, report.ToxicCount);

        // Short history: OLD has 3 rows < 0.9 x 7.
        Assert.Equal("OLD", Assert.Single(report.ShortHistory).Symbol);

        // Largest |r|: OLD 5/49-1 = -0.898 on day 2, FRESH 20/10-1 = +1.0 on day 10.
        Assert.Equal([("FRESH", 1.0), ("OLD", (5.0 / 49.0) - 1.0)], report.LargestMoves.Select(m => (m.Symbol, m.Return)));
        Assert.Equal(D0.AddDays(10), report.LargestMoves[0].DateUtc);
    }

    [Fact]
    public void Serializes_to_json_with_snake_case_fields()
    {
        var report = FreshnessAudit.Compute(Manifest(), "abc", [Series("A", [0, 1], [1, 2])], D0.AddDays(1), TimeSpan.FromHours(168));
        using var doc = JsonDocument.Parse(report.ToJson());
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("manifest_version").GetInt32());
        Assert.Equal(168, root.GetProperty("stale_threshold_hours").GetDouble());
        Assert.Equal("A", root.GetProperty("symbols")[0].GetProperty("symbol").GetString());
        Assert.False(root.GetProperty("symbols")[0].GetProperty("stale").GetBoolean());
        Assert.Equal(1, root.GetProperty("largest_moves")[0].GetProperty("return").GetDouble());
    }
}
