using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.Storage.Configuration.Secrets;

/// <summary>
/// A .env file (KEY=VALUE lines, the local home of secrets; git-ignored, .env.example lists the keys). Accepted:
/// blank lines, '#' comments, an optional 'export ' prefix, unquoted values (a ' #' starts a trailing comment),
/// 'single-quoted' values taken literally, "double-quoted" values with \n \r \t \" \\ escapes. Anything else is a
/// <see cref="DotEnvFormatException"/> naming the file and line, never the value (the line may hold a secret).
/// </summary>
public static partial class DotEnvFile
{
    public static IReadOnlyDictionary<string, string> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyDictionary<string, string> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new DotEnvFormatException(source, number, null, "expected KEY=VALUE");
            }

            var key = line[..eq].TrimEnd();
            if (!KeyPattern().IsMatch(key))
            {
                throw new DotEnvFormatException(source, number, null, "the key must be letters, digits and '_', not starting with a digit");
            }

            if (firstLine.TryGetValue(key, out var earlier))
            {
                throw new DotEnvFormatException(source, number, key, $"set twice (first on line {earlier})");
            }

            values[key] = Value(line[(eq + 1)..].TrimStart(), source, number, key);
            firstLine[key] = number;
        }

        return values;
    }

    private static string Value(string raw, string source, int line, string key)
    {
        if (raw.Length == 0)
        {
            return string.Empty;
        }

        if (raw[0] is '\'' or '"')
        {
            var quote = raw[0];
            var value = new StringBuilder();
            for (var i = 1; i < raw.Length; i++)
            {
                var c = raw[i];
                if (c == quote)
                {
                    var rest = raw[(i + 1)..].Trim();
                    if (rest.Length > 0 && rest[0] != '#')
                    {
                        throw new DotEnvFormatException(source, line, key, "only a comment may follow the closing quote");
                    }

                    return value.ToString();
                }

                if (quote == '"' && c == '\\' && i + 1 < raw.Length)
                {
                    i++;
                    value.Append(raw[i] switch
                    {
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        '"' => '"',
                        '\\' => '\\',
                        _ => throw new DotEnvFormatException(source, line, key, "unknown escape (use \\n \\r \\t \\\" \\\\)"),
                    });
                    continue;
                }

                value.Append(c);
            }

            throw new DotEnvFormatException(source, line, key, $"the value's opening {quote} is never closed (values do not span lines)");
        }

        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        var unquoted = (comment >= 0 ? raw[..comment] : raw).TrimEnd();
        if (unquoted.Contains('"', StringComparison.Ordinal) || unquoted.Contains('\'', StringComparison.Ordinal))
        {
            throw new DotEnvFormatException(source, line, key, "a quote inside an unquoted value (quote the whole value)");
        }

        return unquoted;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex KeyPattern();
}
