using System.Xml.Linq;
using Tessera.Core.Reports;
using Xunit;

namespace Tessera.Core.Tests.Reports;

public sealed class AxisChartTests
{
    [Fact]
    public void Ticks_are_at_1_2_5_steps_covering_the_range_and_formatted_as_percent()
    {
        // range 0.151 / 4 = 0.03775 -> magnitude 0.01, fraction 3.775 -> step 5 x 0.01; floor(-0.62) = -1, ceil(2.4) = 3.
        Assert.Equal([-0.05, 0, 0.05, 0.1, 0.15], AxisChart.NiceTicks(-0.031, 0.12));
        // A flat series gets +-10 % around it: [1.8, 2.2] / 4 = 0.1 -> step 0.1.
        Assert.Equal([1.8, 1.9, 2.0, 2.1, 2.2], AxisChart.NiceTicks(2, 2));
        Assert.Equal("5.1%", AxisChart.Percent(0.0512));
        Assert.Equal("0%", AxisChart.Percent(AxisChart.NiceTicks(-0.031, 0.12)[1]));
    }

    [Fact]
    public void X_ticks_spread_evenly_with_both_ends()
    {
        // round(k x 129 / 5): 0, 25.8, 51.6, 77.4, 103.2, 129.
        Assert.Equal([0, 26, 52, 77, 103, 129], AxisChart.XTickIndices(130, 6));
        Assert.Equal([0, 1, 2], AxisChart.XTickIndices(3, 6));
        Assert.Empty(AxisChart.XTickIndices(0, 6));
    }

    [Fact]
    public void A_nan_breaks_the_line_names_are_escaped_and_the_svg_is_well_formed()
    {
        var svg = AxisChart.Svg(new AxisChartSpec("t <1>", ["a", "b", "c", "d"], [new ChartSeries("s & p", [0.1, double.NaN, 0.2, 0.3], "#000")])
        {
            Markers = [new ChartMarker(2, 0.2, ChartMarkerKind.Up, "entry \"x\"")],
        });
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var lines = doc.Descendants(ns + "polyline").ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal("s & p", (string?)l.Attribute("data-series")));
        Assert.Single(doc.Descendants(ns + "path"), p => (string?)p.Attribute("class") == "marker up");
        Assert.Contains("t &lt;1&gt;", svg, StringComparison.Ordinal);
        Assert.Contains("no data", AxisChart.Svg(new AxisChartSpec("e", [], [])), StringComparison.Ordinal);
    }
}
