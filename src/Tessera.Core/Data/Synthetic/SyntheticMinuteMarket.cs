using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.Markets;

namespace Tessera.Core.Data.Synthetic;

/// <summary>
/// Minute bars for several symbols over the regular sessions of the NYSE calendar (holidays and early closes
/// included): a seeded geometric random walk per symbol whose drift switches sign in regimes of a few hours, so
/// that directional metrics (SEP's coherence) have something to find; volume follows the absolute move. For
/// studies that need more than the single day of real minute data the shared data holds.
/// </summary>
public static class SyntheticMinuteMarket
{
    public static IReadOnlyList<BarSeries> Generate(int symbols, DateOnly firstDay, DateOnly lastDay, ulong seed)
    {
        if (symbols < 1 || symbols > 500)
        {
            throw new TesseraValidationException("symbols", symbols.ToString(System.Globalization.CultureInfo.InvariantCulture), "a whole number from 1 to 500");
        }

        if (lastDay < firstDay || lastDay.DayNumber - firstDay.DayNumber > 3_660)
        {
            throw new TesseraValidationException("days", $"{firstDay:yyyy-MM-dd}..{lastDay:yyyy-MM-dd}", "a range of at most 10 years with last ≥ first");
        }

        var minutes = new List<long>();
        foreach (var session in NyseCalendar.Sessions(firstDay, lastDay))
        {
            for (var t = session.Open; t < session.Close; t = t.AddMinutes(1))
            {
                minutes.Add(t.ToUnixTimeMilliseconds());
            }
        }

        var timestamps = minutes.ToArray();
        var n = timestamps.Length;
        var result = new List<BarSeries>(symbols);
        for (var s = 0; s < symbols; s++)
        {
            var random = new DeterministicRandom(seed + (ulong)s);
            double[] open = new double[n], high = new double[n], low = new double[n], close = new double[n], volume = new double[n];
            var price = 50 + (100 * random.NextDouble());
            var drift = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (i % 120 == 0)
                {
                    drift = (random.NextDouble() - 0.5) * 0.0006; // a new regime every two hours of bars
                }

                var move = drift + (0.0008 * random.NextNormal());
                var next = price * Math.Exp(move);
                var wick = price * 0.0004 * random.NextDouble();
                open[i] = price;
                close[i] = next;
                high[i] = Math.Max(price, next) + wick;
                low[i] = Math.Min(price, next) - wick;
                volume[i] = Math.Round(1_000 + (2_000_000 * Math.Abs(move)));
                price = next;
            }

            result.Add(new BarSeries(FormattableString.Invariant($"SYN{s:000}"), timestamps, open, high, low, close, volume));
        }

        return result;
    }
}
