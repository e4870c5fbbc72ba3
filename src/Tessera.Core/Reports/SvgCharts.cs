using System.Globalization;
using System.Text;
using Tessera.Core.Metrics;

namespace Tessera.Core.Reports;

/// <summary>Inline SVG charts (no scripts, no external resources) for the tear sheet.</summary>
public static class SvgCharts
{
    private const int Width = 860;
    private const int Height = 220;
    private const int Pad = 36;

    /// <summary>A polyline of the finite values (NaN breaks the line), with min/max labels; <paramref name="fill"/> shades the area under it to the zero line.</summary>
    public static string Line(string title, ReadOnlySpan<double> values, string color, bool fill = false)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        var sb = Open(title);
        if (double.IsInfinity(min))
        {
            return Close(sb.Append("<text x=\"40\" y=\"110\">no data</text>"));
        }

        if (fill)
        {
            min = Math.Min(min, 0);
            max = Math.Max(max, 0);
        }

        if (max == min)
        {
            max = min + 1;
        }

        var n = values.Length;
        double X(int i) => Pad + ((Width - (2.0 * Pad)) * (n <= 1 ? 0 : (double)i / (n - 1)));
        double Y(double v) => Height - Pad - ((Height - (2.0 * Pad)) * (v - min) / (max - min));
        var points = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                Flush(sb, points, color, fill, Y(0));
                continue;
            }

            points.Append(Html.F(X(i))).Append(',').Append(Html.F(Y(values[i]))).Append(' ');
        }

        Flush(sb, points, color, fill, Y(0));
        sb.Append("<text x=\"2\" y=\"").Append(Pad).Append("\" font-size=\"10\">").Append(Html.Num(max, "0.###")).Append("</text>");
        sb.Append("<text x=\"2\" y=\"").Append(Height - Pad).Append("\" font-size=\"10\">").Append(Html.Num(min, "0.###")).Append("</text>");
        return Close(sb);
    }

    /// <summary>Histogram of values in equal-width bins.</summary>
    public static string Histogram(string title, ReadOnlySpan<double> values, int bins, string color)
    {
        var sb = Open(title);
        if (values.Length == 0)
        {
            return Close(sb.Append("<text x=\"40\" y=\"110\">no trades</text>"));
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        if (max == min)
        {
            max = min + 1e-9;
        }

        var counts = new int[bins];
        foreach (var v in values)
        {
            counts[Math.Min(bins - 1, (int)((v - min) / (max - min) * bins))]++;
        }

        var top = counts.Max();
        var w = (Width - (2.0 * Pad)) / bins;
        for (var b = 0; b < bins; b++)
        {
            var h = (Height - (2.0 * Pad)) * counts[b] / top;
            var center = min + ((b + 0.5) * (max - min) / bins);
            sb.Append("<rect x=\"").Append(Html.F(Pad + (b * w))).Append("\" y=\"").Append(Html.F(Height - Pad - h))
                .Append("\" width=\"").Append(Html.F(Math.Max(1, w - 1))).Append("\" height=\"").Append(Html.F(h))
                .Append("\" fill=\"").Append(center < 0 ? "#c0392b" : color).Append("\"><title>").Append(counts[b]).Append("</title></rect>");
        }

        sb.Append("<text x=\"").Append(Pad).Append("\" y=\"").Append(Height - 10).Append("\" font-size=\"10\">").Append(Html.Num(min, "0.####")).Append("</text>");
        sb.Append("<text x=\"").Append(Width - Pad - 40).Append("\" y=\"").Append(Height - 10).Append("\" font-size=\"10\">").Append(Html.Num(max, "0.####")).Append("</text>");
        return Close(sb);
    }

    /// <summary>Years x months grid coloured by return (green up, red down), value in each cell.</summary>
    public static string MonthlyHeatmap(string title, IReadOnlyList<MonthlyReturn> months)
    {
        var years = months.Select(m => m.Year).Distinct().Order().ToList();
        const int cell = 56;
        const int left = 50;
        var height = 40 + (years.Count * 24);
        var sb = new StringBuilder();
        sb.Append("<figure><figcaption>").Append(Html.Escape(title)).Append("</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
            .Append(left + (12 * cell)).Append("\" height=\"").Append(height).Append("\">");
        string[] names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        for (var m = 0; m < 12; m++)
        {
            sb.Append("<text x=\"").Append(left + (m * cell) + 16).Append("\" y=\"14\" font-size=\"11\">").Append(names[m]).Append("</text>");
        }

        var maxAbs = months.Count == 0 ? 1 : Math.Max(1e-9, months.Max(m => Math.Abs(m.Return)));
        for (var yi = 0; yi < years.Count; yi++)
        {
            var y = 20 + (yi * 24);
            sb.Append("<text x=\"4\" y=\"").Append(y + 16).Append("\" font-size=\"11\">").Append(years[yi]).Append("</text>");
            foreach (var m in months.Where(m => m.Year == years[yi]))
            {
                var a = Math.Min(1, Math.Abs(m.Return) / maxAbs);
                var color = m.Return >= 0 ? $"rgba(39,174,96,{Html.F(0.15 + (0.85 * a))})" : $"rgba(192,57,43,{Html.F(0.15 + (0.85 * a))})";
                var x = left + ((m.Month - 1) * cell);
                sb.Append("<rect class=\"month\" x=\"").Append(x).Append("\" y=\"").Append(y).Append("\" width=\"").Append(cell - 2).Append("\" height=\"22\" fill=\"").Append(color).Append("\"/>");
                sb.Append("<text x=\"").Append(x + 6).Append("\" y=\"").Append(y + 15).Append("\" font-size=\"10\">")
                    .Append((m.Return * 100).ToString("0.0", CultureInfo.InvariantCulture)).Append("%</text>");
            }
        }

        return sb.Append("</svg></figure>").ToString();
    }

    private static StringBuilder Open(string title) =>
        new StringBuilder().Append("<figure><figcaption>").Append(Html.Escape(title)).Append("</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
            .Append(Width).Append("\" height=\"").Append(Height).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height).Append("\">")
            .Append("<rect x=\"0\" y=\"0\" width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\" fill=\"#fafafa\"/>");

    private static string Close(StringBuilder sb) => sb.Append("</svg></figure>").ToString();

    private static void Flush(StringBuilder sb, StringBuilder points, string color, bool fill, double zeroY)
    {
        if (points.Length == 0)
        {
            return;
        }

        var pts = points.ToString().TrimEnd();
        if (fill)
        {
            var first = pts[..pts.IndexOf(',', StringComparison.Ordinal)];
            var lastPair = pts[(pts.LastIndexOf(' ') + 1)..];
            var last = lastPair[..lastPair.IndexOf(',', StringComparison.Ordinal)];
            sb.Append("<polygon fill=\"").Append(color).Append("\" fill-opacity=\"0.35\" points=\"")
                .Append(first).Append(',').Append(Html.F(zeroY)).Append(' ').Append(pts).Append(' ').Append(last).Append(',').Append(Html.F(zeroY)).Append("\"/>");
        }

        sb.Append("<polyline fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"1.2\" points=\"").Append(pts).Append("\"/>");
        points.Clear();
    }
}
