using System.Runtime.CompilerServices;
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
    /// <see cref="TrimField"/> as a range of <paramref name="line"/>: the same blanks and quotes removed from the field
    /// at <paramref name="field"/> (a from-start range, as <see cref="Split"/> writes them), so the row parser trims each
    /// field once and slices it as often as it needs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    public static Range TrimFieldRange(ReadOnlySpan<byte> line, Range field)
    {
        var start = field.Start.Value;
        var end = field.End.Value;
        TrimBlanks(line, ref start, ref end);
        if (end - start >= 2 && line[start] == (byte)'"' && line[end - 1] == (byte)'"')
        {
            start++;
            end--;
            TrimBlanks(line, ref start, ref end);
        }

        return new Range(start, end);
    }

    /// <summary>
    /// Splits a CSV line on commas into <paramref name="ranges"/>; returns the number of fields, or -1 when there
    /// are more fields than <paramref name="ranges"/> can hold. Quoted fields with embedded commas are not supported
    /// (they show up as a column-count error naming the line).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
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

    private static void TrimBlanks(ReadOnlySpan<byte> line, ref int start, ref int end)
    {
        while (start < end && line[start] == (byte)' ')
        {
            start++;
        }

        while (end > start && line[end - 1] == (byte)' ')
        {
            end--;
        }
    }

    public static string Decode(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);
}
