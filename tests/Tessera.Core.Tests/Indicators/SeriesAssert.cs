using Xunit;

namespace Tessera.Core.Tests.Indicators;

internal static class SeriesAssert
{
    /// <summary>Same warm-up (NaN positions) and values within <paramref name="tolerance"/>.</summary>
    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = 1e-9)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (double.IsNaN(expected[i]))
            {
                Assert.True(double.IsNaN(actual[i]), $"index {i}: expected NaN (warm-up), got {actual[i]:R}");
            }
            else
            {
                Assert.False(double.IsNaN(actual[i]), $"index {i}: expected {expected[i]:R}, got NaN");
                Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"index {i}: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }
    }

    /// <summary>Identical to the last bit (NaN equals NaN).</summary>
    public static void BitIdentical(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail($"{what}: index {i} batch {expected[i]:R} != incremental {actual[i]:R}");
            }
        }
    }

    public static int FirstValid(IReadOnlyList<double> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
