using Tessera.Core.Backtest;

namespace Tessera.Core.Metrics;

/// <summary>
/// Statistics over closed trades (net P&amp;L). A win is NetPnl &gt; 0; every other trade is a loss.
/// ProfitFactor = sum(wins) / |sum(losses)|; +infinity when there are wins and no losses, 0 with no wins.
/// AverageLoss is reported as a negative number; Expectancy = mean NetPnl = winRate*avgWin + (1-winRate)*avgLoss.
/// </summary>
public sealed record TradeStatistics(
    int TradeCount,
    double WinRate,
    double AverageWin,
    double AverageLoss,
    double ProfitFactor,
    double Expectancy,
    double AverageHoldingBars,
    double GrossProfit,
    double GrossLoss)
{
    public static TradeStatistics From(IReadOnlyList<Trade> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        if (trades.Count == 0)
        {
            return new TradeStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        int wins = 0, losses = 0;
        double winSum = 0, lossSum = 0, holding = 0;
        for (var i = 0; i < trades.Count; i++)
        {
            var p = trades[i].NetPnl;
            holding += trades[i].HoldingBars;
            if (p > 0)
            {
                wins++;
                winSum += p;
            }
            else
            {
                losses++;
                lossSum += p;
            }
        }

        var n = trades.Count;
        var pf = lossSum == 0 ? (winSum > 0 ? double.PositiveInfinity : 0) : winSum / -lossSum;
        return new TradeStatistics(
            n,
            (double)wins / n,
            wins == 0 ? 0 : winSum / wins,
            losses == 0 ? 0 : lossSum / losses,
            pf,
            (winSum + lossSum) / n,
            holding / n,
            winSum,
            lossSum);
    }
}
