namespace Tessera.Core.Indicators.Kernels;

/// <summary>
/// Validation of whole input columns, once per column before a batch kernel runs (the streaming forms check every value
/// as it arrives). The first offending value is reported with the same field name and rule as the streaming form, and
/// nothing is written to the outputs when a column is refused.
/// </summary>
internal static class ColumnChecks
{
    public static void Finite(ReadOnlySpan<double> values, string field)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                IndicatorGuard.Finite(values[i], field);
            }
        }
    }

    /// <summary>High, low and close finite and high &gt;= low, bar by bar in the streaming order (<see cref="TrueRange"/>).</summary>
    public static void Bars(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close)
    {
        for (var i = 0; i < close.Length; i++)
        {
            var h = high[i];
            var l = low[i];
            var c = close[i];
            if (!(double.IsFinite(h) && double.IsFinite(l) && double.IsFinite(c) && h >= l))
            {
                TrueRange.CheckBar(h, l, c);
            }
        }
    }
}
