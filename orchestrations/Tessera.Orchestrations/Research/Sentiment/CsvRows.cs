using System.Text;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Research.Sentiment;

/// <summary>A minimal RFC 4180 reader for the headlines CSV: comma-separated, double-quoted fields (a "" inside is one quote), CRLF or LF.</summary>
internal static class CsvRows
{
    /// <summary>RFC 4180 rows with the 1-based line each starts on; quoted fields may span lines.</summary>
    public static List<(int Line, List<string> Fields)> Parse(string text)
    {
        var rows = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var rowStart = 1;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        rows.Add((rowStart, fields));
                    }

                    fields = [];
                    field.Clear();
                    any = false;
                    line++;
                    rowStart = line;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }

        if (quoted)
        {
            throw new TesseraValidationException($"line {rowStart}", null, "a quoted field is not closed");
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            rows.Add((rowStart, fields));
        }

        return rows;
    }
}
