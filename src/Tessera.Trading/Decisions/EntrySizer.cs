using System.Globalization;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Metrics;
using Tessera.Trading.Configuration;

namespace Tessera.Trading.Decisions;

/// <summary>
/// Sizes an entry in dollars (ALGORITHMS.md "Sizing and risk"): the method's target, capped at adv_cap_fraction of
/// the 20-day ADV (in shares, at the limit price), then at the per-order budget. Kelly = kelly_fraction x mu / sigma^2
/// of the last kelly_lookback_days daily returns (direction-adjusted), capped at max_fraction, times the linear VIX
/// taper (1 at vix_taper_low, 0 at vix_taper_high) and ATR% taper (<see cref="FractionalKellySizer.Taper"/>).
/// A VIX older than vix_stale_after_days is still applied (the last known level is the best estimate) with a notice;
/// a missing VIX or ATR% sizes Kelly to 0 (no regime information, no Kelly entry), also with a notice.
/// </summary>
internal static class EntrySizer
{
    public static SizingTrace Size(SizingSettings s, MarketSnapshot m, decimal equity, int sign, DateOnly today, decimal limit, decimal perOrderUsd)
    {
        var notices = new List<string>();
        double fraction = double.NaN, kellyRaw = double.NaN, vixFactor = double.NaN, atrFactor = double.NaN;
        decimal target;
        switch (s.Method)
        {
            case SizingMethod.FixedNotional:
                target = s.FixedNotionalUsd;
                break;
            case SizingMethod.FixedFraction:
                fraction = Math.Min(s.FixedFraction, s.MaxFraction);
                target = Dollars(fraction, equity);
                break;
            case SizingMethod.VolatilityTarget:
                fraction = VolatilityFraction(s, m, notices);
                target = Dollars(fraction, equity);
                break;
            case SizingMethod.FractionalKelly:
                (fraction, kellyRaw, vixFactor, atrFactor) = KellyFraction(s, m, sign, today, notices);
                target = Dollars(fraction, equity);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(s), s.Method, "not a sizing method");
        }

        decimal? advCap = null;
        var capped = target;
        if (double.IsFinite(m.Adv20Shares) && m.Adv20Shares > 0 && m.Adv20Shares < 1e15)
        {
            advCap = decimal.Floor((decimal)(m.Adv20Shares * s.AdvCapFraction) * limit * 100m) / 100m;
            capped = Math.Min(capped, advCap.Value);
        }

        return new SizingTrace
        {
            Method = s.Method.ToWire(),
            Fraction = fraction,
            KellyRaw = kellyRaw,
            VixFactor = vixFactor,
            AtrFactor = atrFactor,
            TargetNotional = target,
            AdvCapNotional = advCap,
            Budget = Math.Max(0m, Math.Min(capped, perOrderUsd)),
            Notices = notices,
        };
    }

    private static decimal Dollars(double fraction, decimal equity) =>
        fraction > 0 && double.IsFinite(fraction) && equity > 0 ? decimal.Floor((decimal)fraction * equity * 100m) / 100m : 0m;

    private static double[]? LastReturns(MarketSnapshot m, int count, List<string> notices)
    {
        var all = m.DailyReturns;
        if (all.Count < count)
        {
            notices.Add(string.Create(CultureInfo.InvariantCulture, $"needs {count} daily returns, has {all.Count}: size 0"));
            return null;
        }

        var r = new double[count];
        for (var i = 0; i < count; i++)
        {
            r[i] = all[all.Count - count + i];
            if (!double.IsFinite(r[i]))
            {
                notices.Add("daily returns contain NaN or infinity: size 0");
                return null;
            }
        }

        return r;
    }

    private static double VolatilityFraction(SizingSettings s, MarketSnapshot m, List<string> notices)
    {
        var r = LastReturns(m, s.VolatilityLookbackDays, notices);
        if (r is null)
        {
            return 0;
        }

        var vol = PerformanceMetrics.SampleStdDev(r) * Math.Sqrt(Annualization.TradingDaysPerYear);
        if (!(vol > 0))
        {
            notices.Add("realised volatility is 0: size 0");
            return 0;
        }

        return Math.Min(s.MaxFraction, s.TargetAnnualVolatility / vol);
    }

    private static (double Fraction, double Raw, double Vix, double Atr) KellyFraction(SizingSettings s, MarketSnapshot m, int sign, DateOnly today, List<string> notices)
    {
        var r = LastReturns(m, s.KellyLookbackDays, notices);
        var raw = 0.0;
        if (r is not null)
        {
            var mu = PerformanceMetrics.Mean(r) * sign;
            var sd = PerformanceMetrics.SampleStdDev(r);
            raw = sd > 0 && mu > 0 ? Math.Min(s.MaxFraction, s.KellyFraction * mu / (sd * sd)) : 0.0;
        }

        double vixFactor;
        if (!double.IsFinite(m.Vix) || m.Vix < 0 || m.VixAsOf is null)
        {
            vixFactor = 0;
            notices.Add("VIX missing: Kelly size 0");
        }
        else
        {
            vixFactor = FractionalKellySizer.Taper(m.Vix, s.VixTaperLow, s.VixTaperHigh);
            var age = today.DayNumber - m.VixAsOf.Value.DayNumber;
            if (age > s.VixStaleAfterDays)
            {
                notices.Add(string.Create(CultureInfo.InvariantCulture, $"VIX stale: {m.Vix:R} as of {m.VixAsOf.Value:yyyy-MM-dd} is {age} days old (stale after {s.VixStaleAfterDays}); applied as the last known level"));
            }
        }

        double atrFactor;
        if (!double.IsFinite(m.AtrPct) || m.AtrPct < 0)
        {
            atrFactor = 0;
            notices.Add("ATR% missing: Kelly size 0");
        }
        else
        {
            atrFactor = FractionalKellySizer.Taper(m.AtrPct, s.AtrPctTaperLow, s.AtrPctTaperHigh);
        }

        return (raw * vixFactor * atrFactor, raw, vixFactor, atrFactor);
    }
}
