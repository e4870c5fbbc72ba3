using System.Globalization;
using System.Text;
using Tessera.Core.Reports;

namespace Tessera.Orchestrations.LifeCycle.Report;

/// <summary>Horizontal bar chart of signed asset weights as inline SVG (no scripts, no external resources).</summary>
internal static class WeightsChart
{
    public static string Svg(IReadOnlyList<AssetWeight> weights)
    {
        const int rowHeight = 18;
        const int labelWidth = 150;
        const int barArea = 420;
        var height = (weights.Count * rowHeight) + 10;
        var max = 1e-12;
        foreach (var w in weights)
        {
            max = Math.Max(max, Math.Abs(w.Weight));
        }

        var mid = labelWidth + (barArea / 2.0);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barArea + 80}\" height=\"{height}\" role=\"img\" aria-label=\"asset weights\">");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{mid}\" y1=\"0\" x2=\"{mid}\" y2=\"{height}\" stroke=\"#888\"/>");
        for (var i = 0; i < weights.Count; i++)
        {
            var w = weights[i];
            var y = 5 + (i * rowHeight);
            var len = Math.Abs(w.Weight) / max * (barArea / 2.0);
            var x = w.Weight >= 0 ? mid : mid - len;
            var color = w.Weight >= 0 ? "#2b7a3d" : "#b03a2e";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 12}\" font-size=\"11\">{Html.Escape(w.Symbol)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"{y}\" width=\"{len:0.##}\" height=\"{rowHeight - 4}\" fill=\"{color}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + barArea + 5}\" y=\"{y + 12}\" font-size=\"11\">{w.Weight.ToString("0.00%", CultureInfo.InvariantCulture)}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }
}
