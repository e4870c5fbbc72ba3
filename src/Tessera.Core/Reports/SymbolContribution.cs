using Tessera.Core.Backtest;

namespace Tessera.Core.Reports;

/// <summary>
/// One symbol's share of a backtest's P&amp;L. <see cref="Total"/> = its fills' cash flows (-side x qty x price -
/// commission) + its final position marked at its last close: exactly what the symbol adds to equity, so the
/// totals of all symbols sum to final equity - initial cash. <see cref="Realized"/> is the net P&amp;L of its closed
/// trades; <see cref="Open"/> = Total - Realized (the open position's mark-to-market less its entry commission).
/// </summary>
public sealed record SymbolContribution(string Symbol, int ClosedTrades, int Winners, double Realized, double Open, double Total)
{
    /// <summary>Per traded symbol, largest total first (symbol ordinal on ties).</summary>
    public static IReadOnlyList<SymbolContribution> Compute(MarketData data, BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(result);
        var index = new Dictionary<string, int>(data.SymbolCount, StringComparer.Ordinal);
        for (var s = 0; s < data.SymbolCount; s++)
        {
            index[data.Symbols[s]] = s;
        }

        var n = data.SymbolCount;
        var cash = new CompensatedSum[n];
        var position = new double[n];
        var traded = new bool[n];
        foreach (var f in result.Fills)
        {
            var s = index[f.Symbol];
            var side = (int)f.Side;
            cash[s].Add((-side * f.Quantity * f.Price) - f.Commission);
            position[s] += side * f.Quantity;
            traded[s] = true;
        }

        var realized = new CompensatedSum[n];
        var closed = new int[n];
        var winners = new int[n];
        foreach (var t in result.Trades)
        {
            var s = index[t.Symbol];
            realized[s].Add(t.NetPnl);
            closed[s]++;
            winners[s] += t.NetPnl > 0 ? 1 : 0;
        }

        var lastBar = result.StartBar + result.Equity.Length - 1;
        var rows = new List<SymbolContribution>();
        for (var s = 0; s < n; s++)
        {
            if (!traded[s])
            {
                continue;
            }

            var total = cash[s];
            if (position[s] != 0)
            {
                total.Add(position[s] * LastClose(data, s, lastBar));
            }

            rows.Add(new SymbolContribution(data.Symbols[s], closed[s], winners[s], realized[s].Value, total.Value - realized[s].Value, total.Value));
        }

        rows.Sort((a, b) => b.Total != a.Total ? b.Total.CompareTo(a.Total) : string.CompareOrdinal(a.Symbol, b.Symbol));
        return rows;
    }

    /// <summary>The close the engine marks with: the symbol's last close at or before the bar.</summary>
    private static double LastClose(MarketData data, int s, int bar)
    {
        for (var t = bar; t >= 0; t--)
        {
            if (!double.IsNaN(data.Close[s][t]))
            {
                return data.Close[s][t];
            }
        }

        return 0;
    }

    /// <summary>Neumaier summation: the per-symbol sums stay exact to rounding, whatever the number of fills.</summary>
    private struct CompensatedSum
    {
        private double _sum;
        private double _compensation;

        public readonly double Value => _sum + _compensation;

        public void Add(double x)
        {
            var t = _sum + x;
            _compensation += Math.Abs(_sum) >= Math.Abs(x) ? (_sum - t) + x : (x - t) + _sum;
            _sum = t;
        }
    }
}
