using Tessera.Core.Determinism;

namespace Tessera.Core.Data.Synthetic;

/// <summary>
/// Deterministic synthetic market. Daily model (log-returns, per symbol i in sector s on day t):
/// <c>r_it = beta_i * m_t + gamma_i * f_st + e_it</c> where the market factor
/// <c>m_t = mu(regime_t) + sigma(regime_t) * T_t</c> follows a 3-state Markov chain (bull/neutral/bear),
/// <c>f_st = sigma_sector * T</c> is the sector factor and <c>e_it = sigma_i * T</c> the idiosyncratic shock;
/// every T is an independent unit-variance Student-t draw (fat tails). A single seeded stream is consumed in a
/// fixed order, so the same spec gives bit-identical output on every machine.
/// </summary>
public static class SyntheticMarket
{
    private static readonly string[] Exchanges = ["NYSE", "NASDAQ"];

    // Daily log-returns are clipped so a freak t-draw cannot produce a >65% daily move: the generator is
    // meant to produce clean data that passes the L0 gate; dirty data is made on purpose in tests.
    private const double MaxAbsLogReturn = 0.5;

    public static SyntheticDailyMarket GenerateDaily(SyntheticMarketSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var rng = new DeterministicRandom(spec.Seed);
        var n = spec.Symbols;
        var days = spec.Days;
        var dof = spec.TailDegreesOfFreedom;

        var symbols = new SymbolMetadata[n];
        var sectorOf = new int[n];
        var beta = new double[n];
        var gamma = new double[n];
        var idioVol = new double[n];
        var price = new double[n];
        var baseVolume = new double[n];
        var width = Math.Max(4, n.ToString().Length);
        for (var i = 0; i < n; i++)
        {
            sectorOf[i] = i % spec.Sectors;
            var exchange = Exchanges[rng.NextInt(Exchanges.Length)];
            var ticker = "SYN" + (i + 1).ToString().PadLeft(width, '0');
            symbols[i] = new SymbolMetadata(new SymbolId(exchange, ticker), SectorNames.All[sectorOf[i]]);
            beta[i] = 0.7 + (0.6 * rng.NextDouble());
            gamma[i] = 0.6 + (0.6 * rng.NextDouble());
            idioVol[i] = spec.IdiosyncraticVolatilityMin + ((spec.IdiosyncraticVolatilityMax - spec.IdiosyncraticVolatilityMin) * rng.NextDouble());
            price[i] = Math.Round(20.0 + (180.0 * rng.NextDouble()), 2);
            baseVolume[i] = Math.Round(2e5 * Math.Exp(1.5 * rng.NextDouble() * 3.0));
        }

        var timestamps = BusinessDays(spec.Start, days);
        var regimes = new MarketRegime[days];
        var market = new double[days];
        var open = Columns(n, days);
        var high = Columns(n, days);
        var low = Columns(n, days);
        var close = Columns(n, days);
        var volume = Columns(n, days);
        var sectorFactor = new double[spec.Sectors];
        var regime = spec.InitialRegime;

        for (var t = 0; t < days; t++)
        {
            if (t > 0)
            {
                regime = NextRegime(rng, spec.Transitions, regime);
            }

            regimes[t] = regime;
            var p = regime switch
            {
                MarketRegime.Bull => spec.Bull,
                MarketRegime.Bear => spec.Bear,
                _ => spec.Neutral,
            };
            var m = p.Drift + (p.Volatility * rng.NextStudentT(dof));
            market[t] = m;
            for (var s = 0; s < sectorFactor.Length; s++)
            {
                sectorFactor[s] = spec.SectorVolatility * rng.NextStudentT(dof);
            }

            for (var i = 0; i < n; i++)
            {
                var r = (beta[i] * m) + (gamma[i] * sectorFactor[sectorOf[i]]) + (idioVol[i] * rng.NextStudentT(dof));
                r = Math.Clamp(r, -MaxAbsLogReturn, MaxAbsLogReturn);
                var totalVol = Math.Sqrt((beta[i] * beta[i] * p.Volatility * p.Volatility) + (idioVol[i] * idioVol[i])) + 1e-4;

                // Part of the move happens overnight (open gap), the rest in the session.
                var prev = price[i];
                var o = prev * Math.Exp((0.3 * r) + (0.2 * totalVol * rng.NextNormal()));
                var c = prev * Math.Exp(r);
                var h = Math.Max(o, c) * Math.Exp(0.5 * totalVol * Math.Abs(rng.NextNormal()));
                var l = Math.Min(o, c) * Math.Exp(-0.5 * totalVol * Math.Abs(rng.NextNormal()));

                // Rounding to 4 decimals is monotone, so low <= open, close <= high survives it.
                open[i][t] = RoundPrice(o);
                close[i][t] = RoundPrice(c);
                high[i][t] = RoundPrice(h);
                low[i][t] = RoundPrice(l);
                volume[i][t] = Math.Round(baseVolume[i] * Math.Exp(0.3 * rng.NextNormal()) * (1.0 + (Math.Abs(r) / totalVol)));
                price[i] = c;
            }
        }

        var bars = new BarSeries[n];
        for (var i = 0; i < n; i++)
        {
            bars[i] = new BarSeries(symbols[i].Identity, (long[])timestamps.Clone(), open[i], high[i], low[i], close[i], volume[i]);
        }

        return new SyntheticDailyMarket(bars, symbols, timestamps, regimes, market);
    }

    /// <summary>UTC-midnight timestamps (epoch ms) of <paramref name="count"/> weekdays starting on or after <paramref name="start"/>.</summary>
    public static long[] BusinessDays(DateTime start, int count)
    {
        var result = new long[count];
        var day = start.Date;
        for (var k = 0; k < count; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            result[k++] = BarSeries.ToUnixMs(DateTime.SpecifyKind(day, DateTimeKind.Utc));
        }

        return result;
    }

    private static MarketRegime NextRegime(DeterministicRandom rng, double[,] transitions, MarketRegime from)
    {
        var u = rng.NextDouble();
        var row = (int)from;
        var cumulative = 0.0;
        for (var j = 0; j < 3; j++)
        {
            cumulative += transitions[row, j];
            if (u < cumulative)
            {
                return (MarketRegime)j;
            }
        }

        return from;
    }

    private static double[][] Columns(int n, int days)
    {
        var result = new double[n][];
        for (var i = 0; i < n; i++)
        {
            result[i] = new double[days];
        }

        return result;
    }

    private static double RoundPrice(double value) => Math.Max(0.0001, Math.Round(value, 4));
}
