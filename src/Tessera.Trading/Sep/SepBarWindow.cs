using Tessera.Alpaca.Model;
using Tessera.Core.Sep;

namespace Tessera.Trading.Sep;

/// <summary>
/// The metrics of one instrument from its recent bars as the broker serves them: completed bars only (start +
/// timeframe ≤ now), the last look + 1 of them in column arrays, <see cref="SepMetricsCalculator"/> at the last one.
/// No metrics when there are fewer than look + 1 completed bars or the newest ended more than stale_after ago.
/// </summary>
public static class SepBarWindow
{
    /// <returns>the metrics (or null) and when the newest completed bar ended (null: none).</returns>
    public static (SepMetrics? Metrics, DateTimeOffset? AsOf) Compute(IReadOnlyList<Bar> bars, TimeSpan width, DateTimeOffset now, SepSettings settings)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(settings);
        var need = settings.Look + 1;
        var completed = new List<Bar>(bars.Count);
        foreach (var b in bars)
        {
            if (b.Timestamp + width <= now)
            {
                completed.Add(b);
            }
        }

        completed.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        if (completed.Count == 0)
        {
            return (null, null);
        }

        var asOf = completed[^1].Timestamp + width;
        if (completed.Count < need || now - asOf > settings.StaleAfter)
        {
            return (null, asOf);
        }

        var high = new double[need];
        var low = new double[need];
        var close = new double[need];
        var volume = new double[need];
        var first = completed.Count - need;
        for (var i = 0; i < need; i++)
        {
            var b = completed[first + i];
            high[i] = (double)b.High;
            low[i] = (double)b.Low;
            close[i] = (double)b.Close;
            volume[i] = (double)b.Volume;
        }

        return (SepMetricsCalculator.At(high, low, close, volume, need - 1, settings.Look), asOf);
    }
}
