using Tessera.Core.Markets;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;

namespace Tessera.Exchange.Http;

/// <summary>
/// Bars of any Alpaca timeframe from the completed minute bars (minutes and hours, aligned to the epoch) or the daily
/// bars (days; weeks from Monday, months from the first, in New York dates); the current session's partial daily bar
/// is included as Alpaca does. Only bars that start in [start, end] and before now.
/// </summary>
internal static class BarAggregation
{
    public static List<BarRecord> Select(SymbolState s, BarTimeFrame tf, DateTimeOffset? start, DateTimeOffset end, DateTimeOffset now)
    {
        var from = start?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var to = Math.Min(end.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds());
        var result = new List<BarRecord>();
        if (tf.Unit is BarTimeFrameUnit.Minute or BarTimeFrameUnit.Hour)
        {
            var width = (long)tf.Duration!.Value.TotalMilliseconds;
            Aggregate(s.MinuteBars, b => b.Start - (b.Start % width), from, to, result);
            return result;
        }

        var days = new List<BarRecord>(s.DailyBars);
        if (s.HasDay && (days.Count == 0 || days[^1].Start != s.DayStart))
        {
            days.Add(s.CurrentDay);
        }

        Func<BarRecord, long> bucket = tf.Unit switch
        {
            BarTimeFrameUnit.Day => b => b.Start,
            BarTimeFrameUnit.Week => b => Midnight(Date(b).AddDays(-(((int)Date(b).DayOfWeek + 6) % 7))),
            _ => b => Midnight(new DateOnly(Date(b).Year, ((Date(b).Month - 1) / tf.Amount * tf.Amount) + 1, 1)),
        };
        Aggregate(days, bucket, from, to, result);
        return result;
    }

    private static DateOnly Date(BarRecord b) => UsEastern.DateOf(DateTimeOffset.FromUnixTimeMilliseconds(b.Start).AddHours(12));

    private static long Midnight(DateOnly d) => UsEastern.At(d, TimeOnly.MinValue).ToUnixTimeMilliseconds();

    private static void Aggregate(List<BarRecord> bars, Func<BarRecord, long> bucketOf, long from, long to, List<BarRecord> result)
    {
        BarRecord? current = null;
        var notional = 0.0;
        foreach (var b in bars)
        {
            var bucket = bucketOf(b);
            if (bucket < from || bucket > to)
            {
                continue;
            }

            if (current is { } c && c.Start == bucket)
            {
                notional += b.Vwap * b.Volume;
                var volume = c.Volume + b.Volume;
                current = c with
                {
                    High = Math.Max(c.High, b.High),
                    Low = Math.Min(c.Low, b.Low),
                    Close = b.Close,
                    Volume = volume,
                    Trades = c.Trades + b.Trades,
                    Vwap = volume > 0 ? notional / volume : b.Close,
                };
                continue;
            }

            if (current is { } done)
            {
                result.Add(done);
            }

            current = b with { Start = bucket };
            notional = b.Vwap * b.Volume;
        }

        if (current is { } last)
        {
            result.Add(last);
        }
    }
}
