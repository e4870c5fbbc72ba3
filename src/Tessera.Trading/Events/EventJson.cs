using System.Globalization;
using System.Text.Json;
using Tessera.Core.Errors;

namespace Tessera.Trading.Events;

/// <summary>
/// Writes event values as JSON with their types kept (numbers stay numbers, booleans booleans), through
/// Utf8JsonWriter's default encoder: quotes, backslashes, control characters and non-ASCII are escaped, never raw,
/// so one event is always one line.
/// </summary>
internal static class EventJson
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Level(EventLevel level) => level switch
    {
        EventLevel.Debug => "DEBUG",
        EventLevel.Info => "INFO",
        EventLevel.Warning => "WARNING",
        EventLevel.Error => "ERROR",
        EventLevel.Critical => "CRITICAL",
        _ => throw new TesseraValidationException("level", level.ToString(), "must be Debug, Info, Warning, Error or Critical"),
    };

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Event codes are upper snake case (the taxonomy's form), extended field names lower snake case.</summary>
    public static void ValidateCode(string code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 64 || !IsSnake(code, upper: true))
        {
            throw new TesseraValidationException("event", code, "must be 1-64 characters of A-Z, 0-9 and '_'");
        }
    }

    public static void ValidateFieldName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !IsSnake(name, upper: false))
        {
            throw new TesseraValidationException("field", name, "must be 1-64 characters of a-z, 0-9 and '_'");
        }

        foreach (var mandatory in EventFields.Mandatory)
        {
            if (string.Equals(name, mandatory, StringComparison.Ordinal))
            {
                throw new TesseraValidationException("field", name, "must not reuse a mandatory field name");
            }
        }
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                break;
            case double or float:
                // JSON has no NaN or infinity: written as the text so the line stays valid and the value visible.
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset at:
                writer.WriteStringValue(at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTime dt:
                writer.WriteStringValue(dt.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateOnly day:
                writer.WriteStringValue(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case Guid g:
                writer.WriteStringValue(g);
                break;
            case Enum e:
                writer.WriteStringValue(e.ToString());
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static bool IsSnake(string value, bool upper)
    {
        foreach (var c in value)
        {
            var letter = upper ? char.IsAsciiLetterUpper(c) : char.IsAsciiLetterLower(c);
            if (!(letter || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
