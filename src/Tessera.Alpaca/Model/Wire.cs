using System.Collections.Frozen;
using System.Reflection;
using System.Text;

namespace Tessera.Alpaca.Model;

/// <summary>
/// The one place an Alpaca vocabulary enum meets its wire spelling. Member names map to snake_case
/// (<c>StopLimit</c> -> <c>stop_limit</c>) unless a <see cref="WireNameAttribute"/> says otherwise; member 0 is
/// <c>Unknown</c> in every vocabulary so that a value Alpaca adds later parses leniently instead of failing a
/// whole response (ALPACA.md: brittle deserialization is a failure users hit). Strict callers use
/// <see cref="TryParse"/> and refuse Unknown.
/// </summary>
public static class Wire<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> ByName;
    private static readonly FrozenDictionary<T, string> ByValue;

    static Wire()
    {
        var byName = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        var byValue = new Dictionary<T, string>();
        foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var value = (T)field.GetValue(null)!;
            if (Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                continue;
            }

            var name = field.GetCustomAttribute<WireNameAttribute>()?.Name ?? SnakeCase(field.Name);
            byName[name] = value;
            byValue[value] = name;
        }

        ByName = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        ByValue = byValue.ToFrozenDictionary();
        Names = [.. byValue.Values];
    }

    /// <summary>Every known wire name, in declaration order (for error messages and help).</summary>
    public static IReadOnlyList<string> Names { get; }

    /// <summary>Lenient: an unknown or empty spelling is <c>default</c> (Unknown).</summary>
    public static T Parse(string? text) => text is not null && ByName.TryGetValue(text, out var v) ? v : default;

    /// <summary>Strict: false for unknown spellings (and for Unknown itself).</summary>
    public static bool TryParse(string? text, out T value)
    {
        if (text is not null && ByName.TryGetValue(text, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The wire spelling; Unknown has none and throws (it must never be sent).</summary>
    public static string Name(T value) =>
        ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no wire name for this value");

    /// <summary>All names joined for messages ("buy, sell").</summary>
    public static string Expected => string.Join(", ", Names);

    internal static string SnakeCase(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
