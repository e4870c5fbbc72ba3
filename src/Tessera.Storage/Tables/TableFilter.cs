using System.Globalization;
using System.Text;
using Tessera.Core.Errors;

namespace Tessera.Storage.Tables;

/// <summary>
/// Builds OData $filter expressions with correctly typed and quoted literals, so a value can never change the
/// shape of the query: strings have their single quotes doubled, property names must be identifiers.
/// Example: <c>TableFilter.And(TableFilter.PartitionKeyEquals("run'1"), TableFilter.Compare("Seq", "ge", 10L))</c>
/// gives <c>(PartitionKey eq 'run''1') and (Seq ge 10L)</c>.
/// </summary>
public static class TableFilter
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal) { "eq", "ne", "gt", "ge", "lt", "le" };

    public static string PartitionKeyEquals(string partitionKey) => Compare("PartitionKey", "eq", partitionKey);

    public static string RowKeyEquals(string rowKey) => Compare("RowKey", "eq", rowKey);

    /// <summary>"property op literal" with op one of eq, ne, gt, ge, lt, le.</summary>
    public static string Compare(string property, string op, object value)
    {
        ValidateProperty(property);
        if (!Operators.Contains(op))
        {
            throw new TesseraValidationException("operator", op, "must be one of eq, ne, gt, ge, lt, le");
        }

        return $"{property} {op} {Literal(value)}";
    }

    /// <summary>String prefix match as a key range: property ge 'prefix' and property lt 'prefiy' (last char + 1).</summary>
    public static string StartsWith(string property, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
        {
            return Compare(property, "ge", string.Empty);
        }

        var last = prefix[^1];
        if (last == char.MaxValue)
        {
            return Compare(property, "ge", prefix);
        }

        var upper = string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(last + 1)).ToString());
        return And(Compare(property, "ge", prefix), Compare(property, "lt", upper));
    }

    public static string And(params string[] clauses) => Join("and", clauses);

    public static string Or(params string[] clauses) => Join("or", clauses);

    public static string Not(string clause) => $"not ({clause})";

    /// <summary>The OData literal for a supported value type (string, int, long, double, bool, DateTimeOffset, Guid, byte[]).</summary>
    public static string Literal(object value) => value switch
    {
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d when double.IsFinite(d) => DoubleLiteral(d),
        DateTimeOffset dto => "datetime'" + TableEntityJson.FormatDateTime(dto) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        double d => throw new TesseraValidationException("filter value", d.ToString(CultureInfo.InvariantCulture), "must be finite"),
        null => throw new TesseraValidationException("filter value", null, "must not be null"),
        _ => throw new TesseraValidationException("filter value", value.GetType().Name, "unsupported type for a table filter literal"),
    };

    private static string DoubleLiteral(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string Join(string op, string[] clauses)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        if (clauses.Length == 0)
        {
            throw new TesseraValidationException("filter", null, $"'{op}' needs at least one clause");
        }

        if (clauses.Length == 1)
        {
            return clauses[0];
        }

        var sb = new StringBuilder();
        for (var i = 0; i < clauses.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(' ').Append(op).Append(' ');
            }

            sb.Append('(').Append(clauses[i]).Append(')');
        }

        return sb.ToString();
    }

    private static void ValidateProperty(string property)
    {
        if (string.IsNullOrEmpty(property) || !(char.IsLetter(property[0]) || property[0] == '_'))
        {
            throw new TesseraValidationException("filter property", property, "must be an identifier");
        }

        foreach (var c in property)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                throw new TesseraValidationException("filter property", property, "must be an identifier");
            }
        }
    }
}
