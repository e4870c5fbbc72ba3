using Tessera.Core.Backtest.Sizing;

namespace Tessera.Core.Backtest;

/// <summary>Fast-tier output: equity per simulated bar and (optionally) the closed trades.</summary>
public sealed record FastBacktestResult(double[] Equity, List<Trade>? Trades, int TradeCount, int FillCount, double InitialCash)
{
    public double FinalEquity => Equity.Length == 0 ? InitialCash : Equity[^1];
}

/// <summary>
/// Array-based twin of <see cref="EventBacktestEngine"/> for parameter sweeps: the same phases, the same rules and
/// the same floating-point operations in the same order, on flat arrays (one lot per symbol, no order objects,
/// no dictionaries, no per-bar allocation), so it produces the same trades and equity (tested on real data).
/// </summary>
public static class FastBacktester
{
    /// <summary>Largest whole share count whose cost q * fill + commission(q) fits in the buying power.</summary>
    public static double AffordableShares(double buyingPower, double fill, CostModel costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        var perShare = (fill * (1.0 + (costs.CommissionBps / 10_000.0))) + costs.CommissionPerShare;
        var q = Math.Floor((buyingPower - costs.CommissionPerOrder) / perShare);
        while (q >= 1 && (q * fill) + costs.Commission(q, fill) > buyingPower)
        {
            q--;
        }

        return q < 1 || !double.IsFinite(q) ? 0 : q;
    }

    public static FastBacktestResult Run(MarketData data, SignalMatrix signals, BacktestOptions options, bool recordTrades = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(data);
        var n = data.SymbolCount;
        var costs = options.Costs;
        var sizer = options.Sizer;
        var open = data.Open;
        var high = data.High;
        var low = data.Low;
        var close = data.Close;
        var cal = data.Calendar;
        var qty = new double[n];
        var entryPrice = new double[n];
        var entryComm = new double[n];
        var entryBar = new int[n];
        var stop = new double[n];
        Array.Fill(stop, double.NaN);
        var held = new int[n];
        var intended = new sbyte[n];
        var lastClose = new double[n];
        var pendingExit = new byte[n]; // 0 none, 1 signal, 2 reverse, 3 time
        var pendingSide = new sbyte[n];
        var pendingQty = new double[n];
        var pendingStop = new double[n];
        var useSignalStops = options.UseSignalStops;
        var trades = recordTrades ? new List<Trade>() : null;
        var tradeCount = 0;
        var fillCount = 0;
        var cash = options.InitialCash;
        var start = options.StartBar;
        var end = options.EndBar ?? data.BarCount;
        var equity = new double[end - start];
        var timeStop = options.TimeStopBars;
        var leverage = options.Leverage;

        for (var t = start; t < end; t++)
        {
            // Phase 1a: stops gapped through at the open.
            for (var s = 0; s < n; s++)
            {
                var q = qty[s];
                if (q == 0 || double.IsNaN(stop[s]))
                {
                    continue;
                }

                var o = open[s][t];
                if (double.IsNaN(o))
                {
                    continue;
                }

                if ((q > 0 && o <= stop[s]) || (q < 0 && o >= stop[s]))
                {
                    Close(s, t, o, "exit:stop");
                    intended[s] = 0;
                    pendingExit[s] = 0;
                }
            }

            // Phase 1b: pending exits at the open.
            for (var s = 0; s < n; s++)
            {
                if (pendingExit[s] == 0 || double.IsNaN(open[s][t]))
                {
                    continue;
                }

                var why = pendingExit[s] == 2 ? "exit:reverse" : pendingExit[s] == 3 ? "exit:time" : "exit:signal";
                pendingExit[s] = 0;
                if (qty[s] != 0)
                {
                    Close(s, t, open[s][t], why);
                }
            }

            // Phase 1c: pending entries at the open, limited by buying power.
            for (var s = 0; s < n; s++)
            {
                if (pendingSide[s] == 0 || double.IsNaN(open[s][t]))
                {
                    continue;
                }

                int side = pendingSide[s];
                pendingSide[s] = 0;
                var fill = costs.FillPrice(open[s][t], side);
                var eq = cash;
                var gross = 0.0;
                for (var j = 0; j < n; j++)
                {
                    var qj = qty[j];
                    if (qj != 0)
                    {
                        eq += qj * lastClose[j];
                        gross += Math.Abs(qj) * lastClose[j];
                    }
                }

                var q = Math.Min(pendingQty[s], AffordableShares((leverage * eq) - gross, fill, costs));
                if (q < 1)
                {
                    intended[s] = 0;
                    continue;
                }

                var commission = costs.Commission(q, fill);
                cash += (-side * q * fill) - commission;
                qty[s] = side * q;
                entryPrice[s] = fill;
                entryComm[s] = commission;
                entryBar[s] = t;
                fillCount++;
                held[s] = 0;
                stop[s] = EventBacktestEngine.StopLevel(pendingStop[s], fill, side, options);
            }

            // Phase 2: intrabar stops.
            for (var s = 0; s < n; s++)
            {
                var q = qty[s];
                if (q == 0 || double.IsNaN(stop[s]) || double.IsNaN(close[s][t]))
                {
                    continue;
                }

                if ((q > 0 && low[s][t] <= stop[s]) || (q < 0 && high[s][t] >= stop[s]))
                {
                    var o = open[s][t];
                    Close(s, t, (q > 0 && o <= stop[s]) || (q < 0 && o >= stop[s]) ? o : stop[s], "exit:stop");
                    intended[s] = 0;
                }
            }

            // Phase 3: mark to market, time stops.
            var equityNow = cash;
            for (var s = 0; s < n; s++)
            {
                var c = close[s][t];
                var has = !double.IsNaN(c);
                if (has)
                {
                    lastClose[s] = c;
                }

                var q = qty[s];
                if (q == 0)
                {
                    continue;
                }

                equityNow += q * lastClose[s];
                if (has)
                {
                    held[s]++;
                    if (timeStop is { } ts && held[s] >= ts && pendingExit[s] == 0)
                    {
                        pendingExit[s] = 3;
                        intended[s] = 0;
                    }
                }
            }

            equity[t - start] = equityNow;

            // Phase 4: signals at this close.
            for (var s = 0; s < n; s++)
            {
                var code = signals.Code[s][t];
                if (code == SignalMatrix.None)
                {
                    continue;
                }

                if (code == -1 && !options.AllowShort)
                {
                    code = 0;
                }

                if (code == intended[s])
                {
                    continue;
                }

                if (qty[s] != 0 && pendingExit[s] == 0)
                {
                    pendingExit[s] = code == 0 ? (byte)1 : (byte)2;
                }

                intended[s] = 0;
                if (code == 0)
                {
                    continue;
                }

                var c = close[s][t];
                var target = Math.Floor(sizer.TargetQuantity(new SizingRequest(data, s, t, equityNow, c, code, signals.Strength[s][t])));
                if (target >= 1 && double.IsFinite(target))
                {
                    pendingSide[s] = code;
                    pendingQty[s] = target;
                    pendingStop[s] = useSignalStops ? signals.StopPrice[s][t] : double.NaN;
                    intended[s] = code;
                }
            }
        }

        return new FastBacktestResult(equity, trades, tradeCount, fillCount, options.InitialCash);

        void Close(int s, int t, double reference, string reason)
        {
            var q = qty[s];
            var dir = Math.Sign(q);
            var side = -dir;
            var closeQty = Math.Abs(q);
            var price = costs.FillPrice(reference, side);
            var commission = costs.Commission(closeQty, price);
            cash += (-side * closeQty * price) - commission;
            var comm = (entryComm[s] * (closeQty / closeQty)) + (commission * (closeQty / closeQty));
            var net = (dir * closeQty * (price - entryPrice[s])) - comm;
            trades?.Add(new Trade(data.Symbols[s], dir, cal[entryBar[s]], cal[t], entryBar[s], t, closeQty, entryPrice[s], price, comm, net, reason));
            tradeCount++;
            fillCount++;
            qty[s] = 0;
            stop[s] = double.NaN;
            held[s] = 0;
        }
    }
}
