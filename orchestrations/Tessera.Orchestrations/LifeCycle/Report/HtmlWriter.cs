using System.Globalization;
using System.Text;
using Tessera.Core.Reports;

namespace Tessera.Orchestrations.LifeCycle.Report;

/// <summary>Tiny HTML builder: every text goes through the platform's one HTML escaping (<see cref="Html.Escape"/>), numbers are formatted invariantly.</summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _sb = new();

    public HtmlWriter Raw(string html)
    {
        _sb.Append(html);
        return this;
    }

    public HtmlWriter Text(string? text)
    {
        _sb.Append(Html.Escape(text));
        return this;
    }

    public HtmlWriter Element(string tag, string? text, string? cssClass = null)
    {
        _sb.Append('<').Append(tag);
        if (cssClass is not null)
        {
            _sb.Append(" class=\"").Append(cssClass).Append('"');
        }

        _sb.Append('>');
        Text(text);
        _sb.Append("</").Append(tag).Append('>');
        return this;
    }

    public HtmlWriter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _sb.Append("<div class=\"scroll\"><table><thead><tr>");
        foreach (var h in headers)
        {
            Element("th", h);
        }

        _sb.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            _sb.Append("<tr>");
            foreach (var cell in row)
            {
                Element("td", cell, IsNumeric(cell) ? "n" : null);
            }

            _sb.Append("</tr>");
        }

        _sb.Append("</tbody></table></div>");
        return this;
    }

    /// <summary>Numbers and percentages are right-aligned; text reads better left-aligned.</summary>
    private static bool IsNumeric(string cell) =>
        cell.Length > 0 && double.TryParse(cell.TrimEnd('%'), System.Globalization.NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    public static string Pct(double value) => value.ToString("0.00%", CultureInfo.InvariantCulture);

    public static string Num(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    public override string ToString() => _sb.ToString();
}
