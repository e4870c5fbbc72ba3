using System.Globalization;
using System.Text;

namespace Tessera.Core.Reports;

/// <summary>Escaping and number formatting shared by the report builders (invariant culture, no HTML injection).</summary>
internal static class Html
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    public static string Num(double v, string format = "0.####") =>
        double.IsNaN(v) ? "n/a" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : v.ToString(format, CultureInfo.InvariantCulture);

    public static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
