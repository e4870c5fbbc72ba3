using Tessera.Core.Errors;

namespace Tessera.Core.Backtest;

/// <summary>Target weights per symbol (market-data symbol order) known at the close of <see cref="Bar"/>.</summary>
public sealed record WeightTarget(int Bar, double[] Weights);

/// <summary>
/// Rules of the portfolio-weights backtest. A rebalance is decided at the close of every <see cref="RebalanceEvery"/>-th
/// bar counted from StartBar (the start bar included) with the latest target known at that close, and executed at the
/// next open. Trades whose weight change |w_target - w_current| is below <see cref="Threshold"/> are skipped
/// (partial rebalance); weights drift with prices between rebalances.
/// </summary>
public sealed record WeightsBacktestOptions
{
    public double InitialCash { get; init; } = 100_000;

    public CostModel Costs { get; init; } = CostModel.Zero;

    public int RebalanceEvery { get; init; } = 21;

    public double Threshold { get; init; }

    public int StartBar { get; init; }

    public int? EndBar { get; init; }
}

/// <summary>Weights-backtest output: the usual result plus turnover (traded notional / equity at the open) per bar.</summary>
public sealed record WeightsBacktestResult(BacktestResult Result, double[] Turnover, int Rebalances, int SkippedTrades)
{
    /// <summary>Annualized two-sided turnover: sum of per-rebalance turnover * 252 (<see cref="Metrics.Annualization.TradingDaysPerYear"/>) / simulated bars.</summary>
    public double AnnualTurnover => Turnover.Length == 0 ? 0 : Turnover.Sum() * Metrics.Annualization.TradingDaysPerYear / Turnover.Length;
}

/// <summary>
/// Rebalances a weights series over one cash account with fractional shares. At execution the equity is marked at
/// the opens (last close for symbols without a bar); the target value of symbol i is w_i * equity; sells are executed
/// before buys, and buys are scaled down pro rata when cash (after costs) would go negative, so cash never goes
/// negative. Symbols without a bar at the execution open keep their holdings. P&amp;L is FIFO (partial closes).
/// Negative weights (shorts) are rejected: L4 allows only non-negative weights.
/// </summary>
public static class WeightsBacktester
{
    public static WeightsBacktestResult Run(MarketData data, IReadOnlyList<WeightTarget> targets, WeightsBacktestOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        Validate(data, targets, options);
        var n = data.SymbolCount;
        var costs = options.Costs;
        var start = options.StartBar;
        var end = options.EndBar ?? data.BarCount;
        var positions = new FifoPosition[n];
        for (var s = 0; s < n; s++)
        {
            positions[s] = new FifoPosition(data.Symbols[s]);
        }

        var lastClose = new double[n];
        var orders = new List<Order>();
        var fills = new List<Fill>();
        var trades = new List<Trade>();
        var equity = new double[end - start];
        var cashSeries = new double[end - start];
        var gross = new double[end - start];
        var turnover = new double[end - start];
        var cash = options.InitialCash;
        double[]? pending = null;
        var pendingBar = -1;
        var targetIndex = -1;
        int rebalances = 0, skipped = 0;
        var mark = new double[n];
        var delta = new double[n];

        for (var t = start; t < end; t++)
        {
            if (pending is not null)
            {
                var eq = cash;
                for (var s = 0; s < n; s++)
                {
                    mark[s] = data.HasBar(s, t) ? data.Open[s][t] : lastClose[s];
                    eq += positions[s].Quantity * mark[s];
                }

                var traded = 0.0;
                for (var s = 0; s < n; s++)
                {
                    delta[s] = 0;
                    if (!data.HasBar(s, t) || !(mark[s] > 0))
                    {
                        continue;
                    }

                    var current = positions[s].Quantity * mark[s] / eq;
                    if (Math.Abs(pending[s] - current) < options.Threshold || pending[s] == current)
                    {
                        if (pending[s] != current)
                        {
                            skipped++;
                        }

                        continue;
                    }

                    delta[s] = ((pending[s] * eq) - (positions[s].Quantity * mark[s])) / mark[s];
                }

                // Sells first (they raise cash), then buys scaled to the cash left.
                for (var s = 0; s < n; s++)
                {
                    if (delta[s] < 0)
                    {
                        var q = Math.Min(-delta[s], positions[s].Quantity);
                        traded += Execute(s, -1, q, pendingBar, t);
                    }
                }

                // Cost of the buys at scale k: k * variable + buys * perOrder. Scale down so it fits in cash
                // (a hair under 1 so rounding cannot push cash below zero).
                double variable = 0, buys = 0;
                for (var s = 0; s < n; s++)
                {
                    if (delta[s] > 0)
                    {
                        var fill = costs.FillPrice(data.Open[s][t], 1);
                        variable += (delta[s] * fill) + (costs.CommissionPerShare * delta[s]) + (costs.CommissionBps / 10_000.0 * delta[s] * fill);
                        buys++;
                    }
                }

                var need = variable + (buys * costs.CommissionPerOrder);
                var scale = need <= cash ? 1.0 : Math.Max(0, (cash - (buys * costs.CommissionPerOrder)) / variable * (1 - 1e-12));
                for (var s = 0; s < n; s++)
                {
                    if (delta[s] > 0 && scale > 0)
                    {
                        traded += Execute(s, 1, delta[s] * scale, pendingBar, t);
                    }
                }

                turnover[t - start] = traded / eq;
                rebalances++;
                pending = null;
            }

            var e = cash;
            var g = 0.0;
            for (var s = 0; s < n; s++)
            {
                if (data.HasBar(s, t))
                {
                    lastClose[s] = data.Close[s][t];
                }

                var q = positions[s].Quantity;
                e += q * lastClose[s];
                g += Math.Abs(q) * lastClose[s];
            }

            equity[t - start] = e;
            cashSeries[t - start] = cash;
            gross[t - start] = g;

            while (targetIndex + 1 < targets.Count && targets[targetIndex + 1].Bar <= t)
            {
                targetIndex++;
            }

            if ((t - start) % options.RebalanceEvery == 0 && targetIndex >= 0)
            {
                pending = targets[targetIndex].Weights;
                pendingBar = t;
            }
        }

        var result = new BacktestResult(data.Symbols, data.Calendar[start..end], start, options.InitialCash, equity, cashSeries, gross, orders, fills, trades);
        return new WeightsBacktestResult(result, turnover, rebalances, skipped);

        double Execute(int s, int side, double q, int decidedAt, int t)
        {
            if (!(q > 0))
            {
                return 0;
            }

            var price = costs.FillPrice(data.Open[s][t], side);
            var commission = costs.Commission(q, price);
            var order = new Order(orders.Count + 1, decidedAt, data.Calendar[decidedAt], data.Symbols[s], side > 0 ? OrderSide.Buy : OrderSide.Sell, q, "rebalance")
            {
                Status = OrderStatus.Filled,
                FilledQuantity = q,
                FillPrice = price,
                FillBar = t,
            };
            orders.Add(order);
            cash += (-side * q * price) - commission;
            positions[s].Apply(side, q, price, commission, t, data.Calendar[t], "rebalance", trades);
            fills.Add(new Fill(order.Id, t, data.Calendar[t], data.Symbols[s], order.Side, q, price, commission, "rebalance"));
            return q * price;
        }
    }

    private static void Validate(MarketData data, IReadOnlyList<WeightTarget> targets, WeightsBacktestOptions o)
    {
        if (!(double.IsFinite(o.InitialCash) && o.InitialCash > 0))
        {
            throw new TesseraValidationException("cash", o.InitialCash.ToString("R"), "initial cash must be finite and > 0");
        }

        if (o.Costs is null)
        {
            throw new TesseraValidationException("costs", null, "a cost model is required");
        }

        o.Costs.Validate();
        if (o.RebalanceEvery < 1)
        {
            throw new TesseraValidationException("rebalanceEvery", o.RebalanceEvery.ToString(), "must be >= 1");
        }

        if (!(o.Threshold >= 0 && o.Threshold < 1))
        {
            throw new TesseraValidationException("threshold", o.Threshold.ToString("R"), "must be in [0, 1)");
        }

        var end = o.EndBar ?? data.BarCount;
        if (o.StartBar < 0 || end > data.BarCount || o.StartBar >= end)
        {
            throw new TesseraValidationException("range", $"[{o.StartBar}, {end})", "must be a non-empty range within [0, " + data.BarCount + ")");
        }

        for (var k = 0; k < targets.Count; k++)
        {
            var w = targets[k] ?? throw new TesseraValidationException("targets", null, "must not contain null", "target " + k);
            if (k > 0 && w.Bar <= targets[k - 1].Bar)
            {
                throw new TesseraValidationException("targets.bar", w.Bar.ToString(), "targets must be sorted by strictly increasing bar", "target " + k);
            }

            if (w.Weights is null || w.Weights.Length != data.SymbolCount)
            {
                throw new TesseraValidationException("targets.weights", w.Weights?.Length.ToString(), "need one weight per symbol (" + data.SymbolCount + ")", "target " + k);
            }

            var sum = 0.0;
            foreach (var x in w.Weights)
            {
                if (!double.IsFinite(x) || x < 0)
                {
                    throw new TesseraValidationException("targets.weights", x.ToString("R"), "weights must be finite and non-negative (L4)", "target " + k);
                }

                sum += x;
            }

            if (sum > 1.05 + 1e-12)
            {
                throw new TesseraValidationException("targets.weights", sum.ToString("R"), "weights must sum to <= 1.05 (L4)", "target " + k);
            }
        }
    }
}
