using System.Globalization;
using System.Runtime.CompilerServices;

namespace Tessera.Core.Data.Import;

/// <summary>
/// Parses decimal numbers from UTF-8. The fast path handles plain <c>[-]digits[.digits]</c> with at most 15
/// significant digits: mantissa and 10^k are then exact doubles and one IEEE division gives the correctly
/// rounded result (Clinger's fast path), identical to <see cref="double.Parse(string)"/>. Anything else
/// (exponents, NaN, long mantissas) goes through the BCL parser.
/// </summary>
internal static class Utf8Number
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        if (TryParseFast(text, out value))
        {
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    private static bool TryParseFast(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        long mantissa = 0;
        var digits = 0;
        var fraction = -1;
        var any = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.')
            {
                if (fraction >= 0)
                {
                    return false;
                }

                fraction = 0;
                continue;
            }

            var d = c - (byte)'0';
            if ((uint)d > 9)
            {
                return false;
            }

            any = true;
            if (mantissa != 0 || d != 0)
            {
                digits++;
            }

            if (digits > 15)
            {
                return false;
            }

            mantissa = (mantissa * 10) + d;
            if (fraction >= 0)
            {
                fraction++;
            }
        }

        if (!any || fraction > 15)
        {
            return false;
        }

        value = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        if (negative)
        {
            value = -value;
        }

        return true;
    }
}
