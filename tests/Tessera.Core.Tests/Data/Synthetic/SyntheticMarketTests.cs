using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Tessera.Core.Data;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Xunit;

namespace Tessera.Core.Tests.Data.Synthetic;

public sealed class SyntheticMarketTests
{
    [Fact]
    public void Same_seed_gives_identical_bytes_and_a_different_seed_differs()
    {
        var a = Fingerprint(SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(12, 300, 42)));
        var b = Fingerprint(SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(12, 300, 42)));
        var c = Fingerprint(SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(12, 300, 43)));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Bars_are_ohlc_consistent_positive_and_on_a_utc_midnight_weekday_calendar()
    {
        var market = SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(20, 500, 7));
        Assert.Equal(20, market.Bars.Count);
        Assert.Equal(500, market.Timestamps.Length);
        for (var t = 0; t < market.Timestamps.Length; t++)
        {
            var day = BarSeries.ToUtc(market.Timestamps[t]);
            Assert.Equal(TimeSpan.Zero, day.TimeOfDay);
            Assert.NotEqual(DayOfWeek.Saturday, day.DayOfWeek);
            Assert.NotEqual(DayOfWeek.Sunday, day.DayOfWeek);
            if (t > 0)
            {
                Assert.True(market.Timestamps[t] > market.Timestamps[t - 1]);
            }
        }

        foreach (var s in market.Bars)
        {
            Assert.Equal(market.Timestamps, s.Timestamps);
            for (var t = 0; t < s.Count; t++)
            {
                Assert.True(s.Low[t] > 0, $"{s.Symbol}[{t}] low must be positive");
                Assert.True(s.Low[t] <= s.Open[t] && s.Open[t] <= s.High[t], $"{s.Symbol}[{t}] open outside [low, high]");
                Assert.True(s.Low[t] <= s.Close[t] && s.Close[t] <= s.High[t], $"{s.Symbol}[{t}] close outside [low, high]");
                Assert.True(s.Volume[t] > 0 && double.IsFinite(s.Volume[t]));
            }
        }
    }

    [Fact]
    public void First_bar_is_the_first_weekday_on_or_after_start()
    {
        // 2022-01-01 is a Saturday: the first business day is Monday 2022-01-03.
        var spec = new SyntheticMarketSpec(2, 3, 1) { Start = new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var market = SyntheticMarket.GenerateDaily(spec);
        Assert.Equal(new DateTime(2022, 1, 3, 0, 0, 0, DateTimeKind.Utc), BarSeries.ToUtc(market.Timestamps[0]));
        Assert.Equal(new DateTime(2022, 1, 5, 0, 0, 0, DateTimeKind.Utc), BarSeries.ToUtc(market.Timestamps[2]));
    }

    [Fact]
    public void Symbols_are_exchange_prefixed_and_dealt_round_robin_into_sectors()
    {
        var market = SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(10, 5, 3) { Sectors = 3 });
        for (var i = 0; i < 10; i++)
        {
            var meta = market.Symbols[i];
            Assert.Contains(meta.Exchange, new[] { "NYSE", "NASDAQ" });
            Assert.Equal(meta.Identity, market.Bars[i].Symbol);
            Assert.Equal(meta.Id, SymbolId.Parse(market.Bars[i].Symbol));
            Assert.Equal(SectorNames.All[i % 3], meta.Sector);
            Assert.Equal("spot", meta.AssetType);
        }

        Assert.Equal("SYN0001", market.Symbols[0].Id.Ticker);
        Assert.Equal(10, market.Symbols.Select(s => s.Identity).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Correlation_within_a_sector_exceeds_correlation_across_sectors()
    {
        // Strong sector factor and calm market make the effect unmistakable: the expected within-sector
        // correlation is about 0.6, across sectors about 0.1 (market factor only).
        var spec = new SyntheticMarketSpec(12, 1500, 11) { Sectors = 3, SectorVolatility = 0.015 };
        var market = SyntheticMarket.GenerateDaily(spec);
        var returns = market.Bars.Select(LogReturns).ToArray();
        double within = 0, across = 0;
        int nWithin = 0, nAcross = 0;
        for (var i = 0; i < returns.Length; i++)
        {
            for (var j = i + 1; j < returns.Length; j++)
            {
                var rho = Correlation(returns[i], returns[j]);
                if (market.Symbols[i].Sector == market.Symbols[j].Sector)
                {
                    within += rho;
                    nWithin++;
                }
                else
                {
                    across += rho;
                    nAcross++;
                }
            }
        }

        within /= nWithin;
        across /= nAcross;
        Assert.True(within > across + 0.2, $"within-sector {within:F3} vs across {across:F3}");
        Assert.True(across > 0, "the market factor correlates everything positively");
    }

    [Fact]
    public void Regimes_persist_and_bear_regimes_are_more_volatile_and_lower_drift()
    {
        var market = SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(2, 5000, 5));
        var switches = 0;
        for (var t = 1; t < market.Regimes.Length; t++)
        {
            if (market.Regimes[t] != market.Regimes[t - 1])
            {
                switches++;
            }
        }

        // Default stay probabilities are 0.97..0.985: the expected switch rate is about 2%, far below the
        // ~67% of an i.i.d. draw over three states.
        var rate = switches / (double)(market.Regimes.Length - 1);
        Assert.InRange(rate, 0.005, 0.05);
        Assert.Equal(3, market.Regimes.Distinct().Count());

        var bull = Stats(market, MarketRegime.Bull);
        var bear = Stats(market, MarketRegime.Bear);
        Assert.True(bear.Sd > 1.8 * bull.Sd, $"bear sd {bear.Sd} vs bull sd {bull.Sd}");
        Assert.True(bear.Mean < bull.Mean, $"bear mean {bear.Mean} vs bull mean {bull.Mean}");
    }

    [Fact]
    public void Returns_have_fat_tails()
    {
        var spec = new SyntheticMarketSpec(1, 20000, 9)
        {
            Transitions = new[,] { { 0.0, 1.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 1.0, 0.0 } },
        };
        var m = SyntheticMarket.GenerateDaily(spec).MarketReturns;
        var mean = m.Average();
        var m2 = m.Sum(x => (x - mean) * (x - mean)) / m.Length;
        var m4 = m.Sum(x => Math.Pow(x - mean, 4)) / m.Length;

        // Student-t with 5 dof has raw kurtosis 9; a normal has 3.
        Assert.True(m4 / (m2 * m2) > 4.5, $"kurtosis {m4 / (m2 * m2)}");
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 1)]
    [InlineData(SyntheticMarketSpec.MaxSymbols + 1, 10)]
    public void Rejects_out_of_range_sizes(int symbols, int days)
    {
        Assert.Throws<TesseraValidationException>(() => SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(symbols, days, 1)));
    }

    [Fact]
    public void Rejects_a_transition_row_that_does_not_sum_to_one()
    {
        var spec = new SyntheticMarketSpec(2, 10, 1) { Transitions = new[,] { { 0.5, 0.4, 0.0 }, { 0, 1, 0 }, { 0, 0, 1 } } };
        var ex = Assert.Throws<TesseraValidationException>(() => SyntheticMarket.GenerateDaily(spec));
        Assert.Equal("transitions[0]", ex.Field);
    }

    private static (double Mean, double Sd) Stats(SyntheticDailyMarket market, MarketRegime regime)
    {
        var xs = market.MarketReturns.Where((_, t) => market.Regimes[t] == regime).ToArray();
        var mean = xs.Average();
        return (mean, Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1)));
    }

    private static double[] LogReturns(BarSeries s)
    {
        var r = new double[s.Count - 1];
        for (var t = 1; t < s.Count; t++)
        {
            r[t - 1] = Math.Log(s.Close[t] / s.Close[t - 1]);
        }

        return r;
    }

    private static double Correlation(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var k = 0; k < x.Length; k++)
        {
            sxy += (x[k] - mx) * (y[k] - my);
            sxx += (x[k] - mx) * (x[k] - mx);
            syy += (y[k] - my) * (y[k] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    private static string Fingerprint(SyntheticDailyMarket market)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(market.Timestamps.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(market.MarketReturns.AsSpan()));
        foreach (var s in market.Bars)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(s.Symbol));
            foreach (var column in new[] { s.Open, s.High, s.Low, s.Close, s.Volume })
            {
                hash.AppendData(MemoryMarshal.AsBytes(column.AsSpan()));
            }
        }

        foreach (var m in market.Symbols)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(m.Identity + "|" + m.Sector));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
