using Tessera.Core.Markets;
using Tessera.Core.Data;
using Tessera.Exchange.Time;

namespace Tessera.Exchange.Market;

/// <summary>
/// Turns bars into prints so one matching engine serves trade tapes and bar files alike (documented model): each bar
/// becomes four prints of a quarter of its volume: the open at the bar's start, then the low and the high (low first
/// when the bar closed up, high first when it closed down: the path that visits the far extreme last), then the
/// close at the bar's last millisecond. Minute bars keep their own timestamps; daily bars (stamped at the date) are
/// laid on that date's NYSE session: open 09:30, extremes 11:00 and 13:30, close one second before the close.
/// </summary>
public static class BarPrints
{
    public static TradeTape FromBars(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var daily = IsDaily(bars);
        var n = bars.Count;
        var ts = new List<long>(n * 4);
        var price = new List<double>(n * 4);
        var size = new List<double>(n * 4);
        for (var i = 0; i < n; i++)
        {
            long t0, t1, t2, t3;
            if (daily)
            {
                var date = DateOnly.FromDateTime(BarSeries.ToUtc(bars.Timestamps[i]));
                if (NyseCalendar.Session(date) is not { } s)
                {
                    continue;
                }

                t0 = s.Open.ToUnixTimeMilliseconds();
                t3 = s.Close.ToUnixTimeMilliseconds() - 1000;
                t1 = t0 + ((t3 - t0) / 4);
                t2 = t0 + ((t3 - t0) / 2);
            }
            else
            {
                t0 = bars.Timestamps[i];
                var span = i + 1 < n ? Math.Min(bars.Timestamps[i + 1] - t0, 60_000) : 60_000;
                t1 = t0 + (span / 4);
                t2 = t0 + (span / 2);
                t3 = t0 + span - 1;
            }

            var o = bars.Open[i];
            var c = bars.Close[i];
            var up = c >= o;
            var quarter = Math.Max(1, Math.Floor(bars.Volume[i] / 4));
            Add(t0, o);
            Add(t1, up ? bars.Low[i] : bars.High[i]);
            Add(t2, up ? bars.High[i] : bars.Low[i]);
            Add(t3, c);

            void Add(long t, double p)
            {
                ts.Add(t);
                price.Add(p);
                size.Add(quarter);
            }
        }

        var count = ts.Count;
        return new TradeTape(bars.Symbol, [.. ts], [.. price], [.. size], new byte[count], new int[count], new bool[count]);
    }

    /// <summary>Daily when consecutive bars are a day or more apart (median spacing).</summary>
    public static bool IsDaily(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count < 2)
        {
            return bars.Count == 1 && bars.Timestamps[0] % 86_400_000 == 0;
        }

        var gaps = new long[Math.Min(bars.Count - 1, 64)];
        for (var i = 0; i < gaps.Length; i++)
        {
            gaps[i] = bars.Timestamps[i + 1] - bars.Timestamps[i];
        }

        Array.Sort(gaps);
        return gaps[gaps.Length / 2] >= 86_400_000;
    }
}
