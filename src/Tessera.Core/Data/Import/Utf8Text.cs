using System.Text;

namespace Tessera.Core.Data.Import;

/// <summary>Small helpers over UTF-8 byte spans used by the importers (no allocation except when showing a value in an error).</summary>
internal static class Utf8Text
{
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>A printable copy of a (possibly invalid) field, for error messages only.</summary>
    public static string Show(ReadOnlySpan<byte> value) =>
        Lenient.GetString(value.Length > 120 ? value[..120] : value);

    /// <summary>Trims ASCII blanks and one pair of surrounding double quotes.</summary>
    public static ReadOnlySpan<byte> TrimField(ReadOnlySpan<byte> field)
    {
        field = field.Trim((byte)' ');
        if (field.Length >= 2 && field[0] == (byte)'"' && field[^1] == (byte)'"')
        {
            field = field[1..^1].Trim((byte)' ');
        }

        return field;
    }

    /// <summary>
    /// Splits a CSV line on commas into <paramref name="ranges"/>; returns the number of fields, or -1 when there
    /// are more fields than <paramref name="ranges"/> can hold. Quoted fields with embedded commas are not supported
    /// (they show up as a column-count error naming the line).
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> ranges)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var rest = line[start..];
            var comma = rest.IndexOf((byte)',');
            if (count == ranges.Length)
            {
                return -1;
            }

            if (comma < 0)
            {
                ranges[count++] = new Range(start, line.Length);
                return count;
            }

            ranges[count++] = new Range(start, start + comma);
            start += comma + 1;
        }
    }

    public static string Decode(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);
}
