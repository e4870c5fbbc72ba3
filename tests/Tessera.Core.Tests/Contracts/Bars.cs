using Tessera.Core.Data;

namespace Tessera.Core.Tests.Contracts;

/// <summary>Hand-built bar series for contract tests: day k is 2024-01-01 + k days (UTC midnight).</summary>
internal static class Bars
{
    public static long Day(int k) => BarSeries.ToUnixMs(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(k));

    /// <summary>Bars on the given days with the given closes; open = close, high = close * 1.01, low = close * 0.99.</summary>
    public static BarSeries Closes(string symbol, int[] days, double[] closes)
    {
        var n = days.Length;
        var ts = days.Select(Day).ToArray();
        var high = closes.Select(c => c * 1.01).ToArray();
        var low = closes.Select(c => c * 0.99).ToArray();
        return new BarSeries(symbol, ts, (double[])closes.Clone(), high, low, (double[])closes.Clone(), Enumerable.Repeat(1000.0, n).ToArray());
    }

    public static BarSeries Flat(string symbol, int count, double price = 100) =>
        Closes(symbol, Enumerable.Range(0, count).ToArray(), Enumerable.Repeat(price, count).ToArray());
}
