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
        if (signals.Sides.Length != data.SymbolCount || (data.SymbolCount > 0 && signals.Sides[0].Length != data.BarCount))
        {
            throw new Errors.TesseraValidationException("signals", signals.Sides.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), "signal matrix must be symbols x calendar bars of the market data");
        }

        var n = data.SymbolCount;
        var costs = options.Costs;
        var sizer = options.Sizer;
        var open = data.Open;
        var high = data.High;
        var low = data.Low;
        var close = data.Close;
        var cal = data.Calendar;
        var (sigStart, sigSymbols) = signals.BarIndex;
        var qty = new double[n];
        var entryPrice = new double[n];
        var entryComm = new double[n];
        var entryBar = new int[n];
        var stop = new double[n];
        Array.Fill(stop, double.NaN);
        var held = new int[n];
        var intended = new Side[n];
        var lastClose = new double[n];
        var pendingExit = new byte[n]; // 0 none, 1 signal, 2 reverse, 3 time
        var pendingSide = new Side[n]; // Flat = no pending entry
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
        double net = 0, gross = 0;
        var peakEquity = options.InitialCash;

        // Symbols with a position or a pending order, ascending; every phase but the signal one only visits these.
        // Visiting them in ascending order performs the event engine's floating-point operations in the same order.
        var active = new int[n];
        var activeCount = 0;
        var isActive = new bool[n];
        var joined = new int[n];
        var merged = new int[n];

        for (var t = start; t < end; t++)
        {
            // Phase 1a: stops gapped through at the open.
            for (var k = 0; k < activeCount; k++)
            {
                var s = active[k];
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
                    intended[s] = Side.Flat;
                    pendingExit[s] = 0;
                }
            }

            // Phase 1b: pending exits at the open.
            for (var k = 0; k < activeCount; k++)
            {
                var s = active[k];
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
            for (var k = 0; k < activeCount; k++)
            {
                var s = active[k];
                var entry = pendingSide[s];
                if (entry == Side.Flat || double.IsNaN(open[s][t]))
                {
                    continue;
                }

                var side = entry.Sign();
                pendingSide[s] = Side.Flat;
                var fill = costs.FillPrice(open[s][t], side);
                var q = Math.Min(pendingQty[s], AffordableShares((leverage * (cash + net)) - gross, fill, costs));
                if (q < 1)
                {
                    intended[s] = Side.Flat;
                    continue;
                }

                var commission = costs.Commission(q, fill);
                cash += (-side * q * fill) - commission;
                var newQ = side * q;
                net += (newQ - 0) * lastClose[s];
                gross += (Math.Abs(newQ) - 0) * lastClose[s];
                qty[s] = newQ;
                entryPrice[s] = fill;
                entryComm[s] = commission;
                entryBar[s] = t;
                fillCount++;
                held[s] = 0;
                stop[s] = EventBacktestEngine.StopLevel(pendingStop[s], fill, entry, options);
            }

            // Phase 2: intrabar stops.
            for (var k = 0; k < activeCount; k++)
            {
                var s = active[k];
                var q = qty[s];
                if (q == 0 || double.IsNaN(stop[s]) || double.IsNaN(close[s][t]))
                {
                    continue;
                }

                if ((q > 0 && low[s][t] <= stop[s]) || (q < 0 && high[s][t] >= stop[s]))
                {
                    var o = open[s][t];
                    Close(s, t, (q > 0 && o <= stop[s]) || (q < 0 && o >= stop[s]) ? o : stop[s], "exit:stop");
                    intended[s] = Side.Flat;
                }
            }

            // Phase 3: mark to market, time stops.
            net = 0;
            gross = 0;
            for (var k = 0; k < activeCount; k++)
            {
                var s = active[k];
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

                net += q * lastClose[s];
                gross += Math.Abs(q) * lastClose[s];
                if (has)
                {
                    held[s]++;
                    if (timeStop is { } ts && held[s] >= ts && pendingExit[s] == 0)
                    {
                        pendingExit[s] = 3;
                        intended[s] = Side.Flat;
                    }
                }
            }

            var equityNow = cash + net;
            equity[t - start] = equityNow;
            peakEquity = Math.Max(peakEquity, equityNow);

            // Phase 4: signals at this close (ascending symbols, as in the event engine's signal book).
            var joinedCount = 0;
            for (var k = sigStart[t]; k < sigStart[t + 1]; k++)
            {
                var s = sigSymbols[k];
                var side = signals.Sides[s][t].GetValueOrDefault(); // the index lists only cells with a signal
                if (side == Side.Short && !options.AllowShort)
                {
                    side = Side.Flat;
                }

                if (side == intended[s])
                {
                    continue;
                }

                if (qty[s] != 0 && pendingExit[s] == 0)
                {
                    pendingExit[s] = side == Side.Flat ? (byte)1 : (byte)2;
                }

                intended[s] = Side.Flat;
                if (side == Side.Flat)
                {
                    continue;
                }

                var c = close[s][t];
                var target = Math.Floor(sizer.TargetQuantity(new SizingRequest(data, s, t, equityNow, c, side, signals.Strength[s][t], cash, peakEquity)));
                if (target >= 1 && double.IsFinite(target))
                {
                    pendingSide[s] = side;
                    pendingQty[s] = target;
                    pendingStop[s] = useSignalStops ? signals.StopPrice[s][t] : double.NaN;
                    intended[s] = side;
                    if (!isActive[s])
                    {
                        // The latest close of s is this one (it has a bar now); the close phase keeps it current while active.
                        lastClose[s] = c;
                        isActive[s] = true;
                        joined[joinedCount++] = s;
                    }
                }
            }

            // Rebuild the active list: keep symbols still holding a position or an order, merge the newcomers (both ascending).
            int a = 0, b = 0, m = 0;
            while (a < activeCount || b < joinedCount)
            {
                int s;
                if (b >= joinedCount || (a < activeCount && active[a] < joined[b]))
                {
                    s = active[a++];
                    if (qty[s] == 0 && pendingExit[s] == 0 && pendingSide[s] == Side.Flat)
                    {
                        isActive[s] = false;
                        continue;
                    }
                }
                else
                {
                    s = joined[b++];
                }

                merged[m++] = s;
            }

            (active, merged) = (merged, active);
            activeCount = m;
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
            net += (0 - q) * lastClose[s];
            gross += (0 - Math.Abs(q)) * lastClose[s];
            var comm = (entryComm[s] * (closeQty / closeQty)) + (commission * (closeQty / closeQty));
            var pnl = (dir * closeQty * (price - entryPrice[s])) - comm;
            trades?.Add(new Trade(data.Symbols[s], SideText.OfSign(dir), cal[entryBar[s]], cal[t], entryBar[s], t, closeQty, entryPrice[s], price, comm, pnl, reason));
            tradeCount++;
            fillCount++;
            qty[s] = 0;
            stop[s] = double.NaN;
            held[s] = 0;
        }
    }
}
