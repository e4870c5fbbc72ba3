using System.Text.Json;
using System.Xml.Linq;
using Tessera.Core.Metrics;
using Tessera.Core.Reports;
using Xunit;

namespace Tessera.Core.Tests.Reports;

public sealed class IcReportTests
{
    private static RankerIcResult Result(string name, double[] curve)
    {
        var decay = curve.Select((ic, k) => new IcAtHorizon(k + 1, ic, 0.1, 10 - k, ic / 0.1, 0.6)).ToList();
        return new RankerIcResult(name, name + "(x=1)", [0, 86_400_000L, 2 * 86_400_000L], decay, [0.2, double.NaN, double.NaN], InformationCoefficient.FitHalfLife(curve));
    }

    private static List<RankerIcResult> Results() =>
    [
        // 0.4 * 2^(-(h-1)/2): half-life exactly 2 bars.
        Result("momentum-12-1", [.. Enumerable.Range(1, 6).Select(h => 0.4 * Math.Pow(0.5, (h - 1) / 2.0))]),
        Result("quality <q>", [0.05, 0.05, 0.06, 0.07, 0.05, 0.08]),
    ];

    [Fact]
    public void The_report_has_every_file_and_the_svg_is_well_formed_with_horizon_ticks_and_one_line_per_ranker()
    {
        var files = IcReport.Files(Results(), "test data").ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        Assert.Equal(["ic.html", "ic.json", "ic_decay.csv", "ic_decay.svg", "ic_timeseries.csv", "signal_half_life.csv"], files.Keys.Order(StringComparer.Ordinal));

        var svg = XDocument.Parse(files["ic_decay.svg"]);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var xTicks = svg.Descendants(ns + "text").Where(e => (string?)e.Attribute("class") == "x-tick").Select(e => e.Value).ToList();
        Assert.Equal(["1", "2", "3", "4", "5", "6"], xTicks);
        var lines = svg.Descendants(ns + "polyline").Select(e => (string?)e.Attribute("data-series")).Distinct().ToList();
        Assert.Equal(["momentum-12-1 mean IC", "quality <q> mean IC"], lines);

        // The half-life dot sits at h = 2 on the first ranker's curve only (the second does not decay).
        var dot = Assert.Single(svg.Descendants(ns + "circle"));
        Assert.Contains("half-life 2.0 bars", dot.Value, StringComparison.Ordinal);

        var csv = files["ic_decay.csv"].TrimEnd('\n').Split('\n');
        Assert.Equal(1 + (2 * 6), csv.Length);
        Assert.Equal("ranker,horizon,mean_ic,sd_ic,cross_sections,icir,hit_rate", csv[0]);
        var hl = files["signal_half_life.csv"].TrimEnd('\n').Split('\n');
        Assert.Equal(2.0, double.Parse(hl[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.StartsWith("quality <q>,inf,", hl[2], StringComparison.Ordinal);
        Assert.Equal("date,ic_h1.momentum-12-1,ic_h1.quality <q>", files["ic_timeseries.csv"].Split('\n')[0]);
        Assert.Equal("1970-01-02,,", files["ic_timeseries.csv"].Split('\n')[2]);

        using var json = JsonDocument.Parse(files["ic.json"]);
        var first = json.RootElement.GetProperty("rankers")[0];
        Assert.Equal(2.0, first.GetProperty("half_life").GetProperty("bars").GetDouble(), 9);
        Assert.Equal("no decay", json.RootElement.GetProperty("rankers")[1].GetProperty("half_life").GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("rankers")[1].GetProperty("half_life").GetProperty("bars").ValueKind);

        var html = files["ic.html"];
        Assert.Contains("quality &lt;q&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("quality <q>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2.0</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>no decay</td>", html, StringComparison.Ordinal);
    }
}
