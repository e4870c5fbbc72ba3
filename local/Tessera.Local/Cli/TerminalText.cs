using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Tessera.Local.Cli;

/// <summary>
/// The one sanitiser of everything Tessera prints on a terminal. Data (symbols, file names, header names, values
/// echoed in error messages) can carry console markup (<c>[red:S00</c>, which Spectre.Console would parse and choke
/// on) and terminal control sequences (<c>\x1b]0;PWNED\a</c> retitles the window, <c>\x1b[2J</c> clears it). Rules:
/// <list type="bullet">
/// <item><see cref="Clean"/>: every control character (C0 except, where allowed, line feed and tab; DEL; C1) and
/// every bidirectional override is replaced by a visible escape: <c>\x1b</c>, <c>\x7f</c>, <c>\u202e</c>;</item>
/// <item><see cref="Escape"/>: <see cref="Clean"/> then <see cref="Markup.Escape"/>, for every value placed in markup
/// (<c>MarkupLine</c>, <c>Table.AddRow</c>, titles).</item>
/// </list>
/// Commands call <see cref="Escape"/> on every value; as a safety net the CLI's console and error writer clean every
/// piece of text they write (<see cref="SanitizingConsole"/>, <see cref="SanitizingWriter"/>), so a value a command
/// forgot still cannot reach the terminal raw.
/// </summary>
public static class TerminalText
{
    /// <summary>Markup-escaped and cleaned: the form of every value a command puts into Spectre.Console markup.</summary>
    public static string Escape(string? text) => Markup.Escape(Clean(text));

    /// <summary>Markup-escaped and cleaned text of any value (formatted with the invariant culture).</summary>
    public static string Escape(object? value) => Escape(value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    });

    /// <summary>Replaces control characters and bidi overrides with visible escapes; <paramref name="keepLineBreaks"/> keeps '\n' and '\t'.</summary>
    public static string Clean(string? text, bool keepLineBreaks = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var first = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i], keepLineBreaks))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c, keepLineBreaks))
            {
                sb.Append(c);
            }
            else if (c <= 0xFF)
            {
                sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>True when <paramref name="c"/> must not reach a terminal as it is.</summary>
    public static bool IsUnsafe(char c, bool keepLineBreaks = false) =>
        c switch
        {
            '\n' or '\t' => !keepLineBreaks,
            < ' ' => true,
            >= '\u007f' and <= '\u009f' => true,
            >= '\u202a' and <= '\u202e' => true, // bidi embeddings and overrides
            >= '\u2066' and <= '\u2069' => true, // bidi isolates
            _ => false,
        };
}
