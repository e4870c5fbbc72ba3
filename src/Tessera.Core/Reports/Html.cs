using System.Buffers;
using System.Globalization;
using System.Text;

namespace Tessera.Core.Reports;

/// <summary>
/// The one HTML escaping of the platform (tear sheets, walk-forward reports, SVG charts, the life-cycle report) and
/// the number formatting of Core's report builders (invariant culture, no HTML injection).
/// </summary>
public static class Html
{
    private static readonly SearchValues<char> Special = SearchValues.Create("<>&\"'");

    /// <summary>
    /// Text made safe for an HTML element or a quoted attribute: &lt; &gt; &amp; " ' become entities; every other
    /// character is kept as is (documents are UTF-8). Null is the empty string.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var first = text.AsSpan().IndexOfAny(Special);
        if (first < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                case '"':
                    sb.Append("&quot;");
                    break;
                case '\'':
                    sb.Append("&#39;");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    internal static string Num(double v, string format = "0.####") =>
        double.IsNaN(v) ? "n/a" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : v.ToString(format, CultureInfo.InvariantCulture);

    internal static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
