using Tessera.Exchange.Market;

namespace Tessera.Exchange.Tests.Support;

/// <summary>The hand-written tapes the tests share (SPY around $100 on 2013-10-07 and 08).</summary>
public static class TestTapes
{
    /// <summary>09:30 opens at 100.00 (ask 100.00 / bid 99.99), 10:00 unchanged (size 100), a slide to 99.85, a rebound, 101.00 at 15:59.</summary>
    public static MarketTape OneDay() => Tapes.Prints(
        "SPY",
        ("2013-10-07 09:30:00.000", 100.00, 500),
        ("2013-10-07 10:00:00.000", 100.00, 100),
        ("2013-10-07 10:01:00.000", 99.95, 100),
        ("2013-10-07 10:02:00.000", 99.90, 200),
        ("2013-10-07 10:03:00.000", 99.85, 50),
        ("2013-10-07 10:04:00.000", 100.10, 100),
        ("2013-10-07 15:59:00.000", 101.00, 100));

    /// <summary>Closes at 101 on the 7th, opens at 90 on the 8th (a gap).</summary>
    public static MarketTape TwoDays() => Tapes.Prints(
        "SPY",
        ("2013-10-07 09:30:00.000", 100.00, 500),
        ("2013-10-07 10:00:00.000", 100.00, 100),
        ("2013-10-07 15:59:00.000", 101.00, 100),
        ("2013-10-08 09:30:00.500", 90.00, 1000),
        ("2013-10-08 09:31:00.000", 90.50, 100));

    /// <summary>SPY and AAPL: one print per minute from 09:30 to 11:29 (120 minutes), prices drifting by a cent a minute.</summary>
    public static MarketTape TwoHours()
    {
        (string, double, double)[] Minutes(double start) => Enumerable.Range(0, 120)
            .Select(i => (new DateTime(2013, 10, 7, 9, 30, 0).AddMinutes(i).AddSeconds(1).ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture), start + (0.01 * i), 100.0))
            .ToArray();
        return Tapes.Build([("SPY", Minutes(100)), ("AAPL", Minutes(480))]);
    }
}
