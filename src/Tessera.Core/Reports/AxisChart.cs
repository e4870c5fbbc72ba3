using System.Globalization;
using System.Text;

namespace Tessera.Core.Reports;

/// <summary>One line of an <see cref="AxisChart"/>: a value per x index (NaN breaks the line).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values, string Color)
{
    public bool Dashed { get; init; }
}

/// <summary>A point marker (a trade's entry or exit, a half-life) at x index <see cref="Index"/> and value <see cref="Value"/>.</summary>
public sealed record ChartMarker(int Index, double Value, ChartMarkerKind Kind, string Label);

public enum ChartMarkerKind
{
    /// <summary>Upward triangle (a long entry / a short exit).</summary>
    Up = 0,

    /// <summary>Downward triangle.</summary>
    Down = 1,

    /// <summary>A circle (a reference point, e.g. a fitted half-life).</summary>
    Dot = 2,
}

/// <summary>
/// What an <see cref="AxisChart"/> draws: x labels (one per index; dates, horizons), the series, the y tick format
/// (percent, plain), axis titles, markers, and whether the zero line must be in range.
/// </summary>
public sealed record AxisChartSpec(string Title, IReadOnlyList<string> XLabels, IReadOnlyList<ChartSeries> Series)
{
    public Func<double, string> YFormat { get; init; } = AxisChart.Plain;

    public string XAxisTitle { get; init; } = string.Empty;

    public string YAxisTitle { get; init; } = string.Empty;

    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];

    public bool IncludeZero { get; init; }

    public int XTickCount { get; init; } = 6;
}

/// <summary>
/// Inline SVG line chart with axes a reader can use at a glance: x ticks labelled from the spec's labels (dates,
/// horizons), y ticks at "nice" steps (1, 2, 5 x 10^k) formatted by the spec (percentages), a legend, a zero line,
/// and markers. Elements carry classes (<c>x-tick</c>, <c>y-tick</c>, <c>series</c> with <c>data-series</c>,
/// <c>marker up|down|dot</c>) so tests check structure, not pixels. No scripts, no external resources; every text
/// goes through <see cref="Html.Escape"/>.
/// </summary>
public static class AxisChart
{
    private const int Width = 860;
    private const int Height = 280;
    private const int Left = 70;
    private const int Right = 16;
    private const int Top = 30;
    private const int Bottom = 44;

    /// <summary>y tick format: the value as a percentage (0.0512 -> "5.1%").</summary>
    public static string Percent(double v) => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Plain(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The chart in a figure with its title as caption (for HTML pages).</summary>
    public static string Figure(AxisChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return "<figure><figcaption>" + Html.Escape(spec.Title) + "</figcaption>" + Svg(spec) + "</figure>";
    }

    /// <summary>The bare &lt;svg&gt; element (also a valid standalone .svg file).</summary>
    public static string Svg(AxisChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var sb = new StringBuilder(4096);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
            .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height).Append("\"><title>").Append(Html.Escape(spec.Title)).Append("</title>")
            .Append("<rect x=\"0\" y=\"0\" width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\" fill=\"#fafafa\"/>");
        var n = spec.XLabels.Count;
        var (min, max) = Range(spec);
        if (n == 0 || double.IsInfinity(min))
        {
            return sb.Append("<text x=\"40\" y=\"120\">no data</text></svg>").ToString();
        }

        var ticks = NiceTicks(min, max);
        min = ticks[0];
        max = ticks[^1];
        const double plotW = Width - Left - Right;
        const double plotH = Height - Top - Bottom;
        double X(int i) => Left + (plotW * (n <= 1 ? 0.5 : (double)i / (n - 1)));
        double Y(double v) => Top + plotH - (plotH * (v - min) / (max - min));

        // Y axis: grid line and label per tick.
        sb.Append("<g class=\"y-axis\" font-size=\"10\">");
        foreach (var v in ticks)
        {
            var y = F(Y(v));
            sb.Append("<line x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y)
                .Append("\" stroke=\"").Append(v == 0 ? "#888" : "#e4e4e4").Append("\"/>")
                .Append("<text class=\"y-tick\" x=\"").Append(Left - 4).Append("\" y=\"").Append(F(Y(v) + 3)).Append("\" text-anchor=\"end\">")
                .Append(Html.Escape(spec.YFormat(v))).Append("</text>");
        }

        sb.Append("</g>");

        // X axis: evenly spaced ticks labelled from the spec (first and last index always labelled).
        sb.Append("<g class=\"x-axis\" font-size=\"10\"><line x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(Top + plotH)
            .Append("\" y2=\"").Append(Top + plotH).Append("\" stroke=\"#888\"/>");
        foreach (var i in XTickIndices(n, spec.XTickCount))
        {
            var x = F(X(i));
            sb.Append("<line x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"").Append(Top + plotH).Append("\" y2=\"").Append(Top + plotH + 4).Append("\" stroke=\"#888\"/>")
                .Append("<text class=\"x-tick\" x=\"").Append(x).Append("\" y=\"").Append(Top + plotH + 15).Append("\" text-anchor=\"middle\">")
                .Append(Html.Escape(spec.XLabels[i])).Append("</text>");
        }

        sb.Append("</g>");
        if (spec.XAxisTitle.Length > 0)
        {
            sb.Append("<text class=\"x-title\" x=\"").Append(Left + (plotW / 2)).Append("\" y=\"").Append(Height - 6).Append("\" font-size=\"11\" text-anchor=\"middle\">")
                .Append(Html.Escape(spec.XAxisTitle)).Append("</text>");
        }

        if (spec.YAxisTitle.Length > 0)
        {
            sb.Append("<text class=\"y-title\" x=\"12\" y=\"").Append(Top + (plotH / 2)).Append("\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 ")
                .Append(Top + (plotH / 2)).Append(")\">").Append(Html.Escape(spec.YAxisTitle)).Append("</text>");
        }

        foreach (var series in spec.Series)
        {
            Line(sb, series, n, X, Y);
        }

        foreach (var m in spec.Markers)
        {
            Marker(sb, m, X(Math.Clamp(m.Index, 0, n - 1)), Y(m.Value));
        }

        Legend(sb, spec.Series);
        return sb.Append("</svg>").ToString();
    }

    /// <summary>
    /// Ticks at a step of 1, 2 or 5 x 10^k chosen so that about 4 intervals cover [min, max]; the first tick is at or
    /// below min and the last at or above max (a flat series gets a unit-wide range around it).
    /// </summary>
    public static double[] NiceTicks(double min, double max)
    {
        if (!(max > min))
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }

        var raw = (max - min) / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        // A relative slack of 1e-9: (2.2 - 1.8) / 4 is 0.10000000000000009, which must still pick step 0.1.
        const double slack = 1 + 1e-9;
        var step = (fraction <= slack ? 1 : fraction <= 2 * slack ? 2 : fraction <= 5 * slack ? 5 : 10) * magnitude;
        var first = Math.Floor(min / step);
        var last = Math.Ceiling(max / step);
        var ticks = new double[(int)(last - first) + 1];
        for (var k = 0; k < ticks.Length; k++)
        {
            // Rounded to the step's decimals so 0.1 + 0.2 prints as 0.3 and zero is exactly 0.
            var v = (first + k) * step;
            var decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)) + 1, 0, 15);
            var rounded = Math.Round(v, decimals);
            ticks[k] = rounded == 0 ? 0 : rounded; // no "-0%" label
        }

        return ticks;
    }

    /// <summary>Up to <paramref name="count"/> distinct indices spread evenly over 0..n-1, both ends included.</summary>
    public static int[] XTickIndices(int n, int count)
    {
        if (n <= 0)
        {
            return [];
        }

        count = Math.Clamp(count, 1, n);
        if (count == 1)
        {
            return [0];
        }

        var set = new SortedSet<int>();
        for (var k = 0; k < count; k++)
        {
            set.Add((int)Math.Round((double)k * (n - 1) / (count - 1)));
        }

        return [.. set];
    }

    private static (double Min, double Max) Range(AxisChartSpec spec)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var s in spec.Series)
        {
            foreach (var v in s.Values)
            {
                if (double.IsFinite(v))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }
        }

        foreach (var m in spec.Markers)
        {
            if (double.IsFinite(m.Value))
            {
                min = Math.Min(min, m.Value);
                max = Math.Max(max, m.Value);
            }
        }

        if (spec.IncludeZero && double.IsFinite(min))
        {
            min = Math.Min(min, 0);
            max = Math.Max(max, 0);
        }

        return (min, max);
    }

    private static void Line(StringBuilder sb, ChartSeries series, int n, Func<int, double> x, Func<double, double> y)
    {
        var points = new StringBuilder();
        var count = Math.Min(n, series.Values.Count);
        for (var i = 0; i <= count; i++)
        {
            if (i < count && double.IsFinite(series.Values[i]))
            {
                points.Append(F(x(i))).Append(',').Append(F(y(series.Values[i]))).Append(' ');
                continue;
            }

            if (points.Length > 0)
            {
                sb.Append("<polyline class=\"series\" data-series=\"").Append(Html.Escape(series.Name)).Append("\" fill=\"none\" stroke=\"").Append(series.Color)
                    .Append("\" stroke-width=\"1.4\"").Append(series.Dashed ? " stroke-dasharray=\"5 3\"" : string.Empty).Append(" points=\"")
                    .Append(points.ToString().TrimEnd()).Append("\"/>");
                points.Clear();
            }
        }
    }

    private static void Marker(StringBuilder sb, ChartMarker m, double x, double y)
    {
        var (cls, color, path) = m.Kind switch
        {
            ChartMarkerKind.Up => ("up", "#1e8449", $"M{F(x)},{F(y - 4)} L{F(x - 4)},{F(y + 3)} L{F(x + 4)},{F(y + 3)} Z"),
            ChartMarkerKind.Down => ("down", "#c0392b", $"M{F(x)},{F(y + 4)} L{F(x - 4)},{F(y - 3)} L{F(x + 4)},{F(y - 3)} Z"),
            _ => ("dot", "#333", string.Empty),
        };
        if (m.Kind == ChartMarkerKind.Dot)
        {
            sb.Append("<circle class=\"marker dot\" cx=\"").Append(F(x)).Append("\" cy=\"").Append(F(y)).Append("\" r=\"3.5\" fill=\"").Append(color).Append("\"><title>")
                .Append(Html.Escape(m.Label)).Append("</title></circle>");
            return;
        }

        sb.Append("<path class=\"marker ").Append(cls).Append("\" d=\"").Append(path).Append("\" fill=\"").Append(color).Append("\" fill-opacity=\"0.8\"><title>")
            .Append(Html.Escape(m.Label)).Append("</title></path>");
    }

    private static void Legend(StringBuilder sb, IReadOnlyList<ChartSeries> series)
    {
        sb.Append("<g class=\"legend\" font-size=\"11\">");
        var x = Left;
        foreach (var s in series)
        {
            sb.Append("<rect x=\"").Append(x).Append("\" y=\"10\" width=\"14\" height=\"4\" fill=\"").Append(s.Color).Append("\"/>")
                .Append("<text x=\"").Append(x + 18).Append("\" y=\"16\">").Append(Html.Escape(s.Name)).Append("</text>");
            x += 30 + (7 * s.Name.Length);
        }

        sb.Append("</g>");
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
