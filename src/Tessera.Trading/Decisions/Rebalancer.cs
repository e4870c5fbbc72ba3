using System.Globalization;
using Tessera.Alpaca.Model;
using Tessera.Core.Errors;
using Tessera.Trading.Configuration;

namespace Tessera.Trading.Decisions;

/// <summary>Target weights (long-only, symbol → fraction of investable equity) and the account to move toward them.</summary>
public sealed record RebalanceRequest(
    IReadOnlyDictionary<string, double> TargetWeights,
    IReadOnlyDictionary<string, decimal> Positions,
    IReadOnlyDictionary<string, double> Prices,
    decimal Equity,
    string Source);

/// <summary>
/// The orders of one rebalance, sells first then buys (each side in ordinal symbol order), the turnover scale applied
/// (1 when the limit was not reached), the turnover before and after, and notes on skipped trades.
/// </summary>
public sealed record RebalancePlan(IReadOnlyList<TargetOrder> Orders, double TurnoverScale, decimal TurnoverBefore, decimal TurnoverAfter, IReadOnlyList<string> Notes);

/// <summary>
/// Rebalancing (pure): target value = weight x equity x (1 - cash_buffer_fraction); trade = target value - current
/// value at the given price. Turnover = sum |trade| / equity; above max_turnover_fraction every trade is scaled by the
/// same factor (max / turnover), so each keeps its direction and the portfolio moves part-way toward every target at
/// once instead of favouring the symbols that come first. Quantities are then rounded toward zero (whole shares in
/// multiples of lot_size, or 6 decimals under fractional_shares), so rounding never overshoots a target nor the
/// turnover limit; a full exit (weight 0, unscaled) sells the whole position even off-lot. Trades under min_trade_usd
/// are dropped. The result is pipeline input: each order still goes through <see cref="DecisionPipeline"/>'s gates.
/// Long-only: a negative weight is an error (shorts enter through signals).
/// </summary>
public static class Rebalancer
{
    public static RebalancePlan Plan(RebalanceRequest request, RebalanceSettings settings, bool fractionalShares)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        Validate(request);

        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        symbols.UnionWith(request.TargetWeights.Keys);
        foreach (var (symbol, qty) in request.Positions)
        {
            if (qty != 0)
            {
                symbols.Add(TradingSymbol.Validate(symbol, "positions"));
            }
        }

        var investable = request.Equity * (1m - (decimal)settings.CashBufferFraction);
        var names = symbols.ToArray();
        var deltas = new decimal[names.Length];
        var prices = new decimal[names.Length];
        var held = new decimal[names.Length];
        decimal gross = 0;
        for (var i = 0; i < names.Length; i++)
        {
            var symbol = names[i];
            if (!request.Prices.TryGetValue(symbol, out var p) || !double.IsFinite(p) || p <= 0 || p >= 10_000_000)
            {
                throw new TesseraValidationException("prices." + symbol, request.Prices.TryGetValue(symbol, out var bad) ? bad.ToString("R", CultureInfo.InvariantCulture) : null, "every symbol with a weight or a position needs a finite price > 0");
            }

            prices[i] = (decimal)p;
            held[i] = request.Positions.TryGetValue(symbol, out var q) ? q : 0m;
            var weight = request.TargetWeights.TryGetValue(symbol, out var w) ? (decimal)w : 0m;
            deltas[i] = (weight * investable) - (held[i] * prices[i]);
            gross += Math.Abs(deltas[i]);
        }

        var turnoverBefore = gross / request.Equity;
        var limit = (decimal)settings.MaxTurnoverFraction;
        var scale = turnoverBefore > limit ? limit / turnoverBefore : 1m;
        var notes = new List<string>();
        if (scale < 1m)
        {
            notes.Add("turnover " + Pct(turnoverBefore) + " above " + Pct(limit) + ": every trade scaled by " + scale.ToString("0.######", CultureInfo.InvariantCulture));
        }

        var sells = new List<TargetOrder>();
        var buys = new List<TargetOrder>();
        decimal tradedGross = 0;
        for (var i = 0; i < names.Length; i++)
        {
            var fullExit = scale == 1m && held[i] > 0 && (!request.TargetWeights.TryGetValue(names[i], out var w0) || w0 == 0);
            var qty = fullExit ? -held[i] : RoundTowardZero(deltas[i] * scale / prices[i], settings.LotSize, fractionalShares);
            if (qty == 0)
            {
                continue;
            }

            var value = Math.Abs(qty) * prices[i];
            if (value < settings.MinTradeUsd)
            {
                notes.Add(names[i] + ": trade of $" + value.ToString("0.00", CultureInfo.InvariantCulture) + " below min_trade_usd $" + settings.MinTradeUsd.ToString("0.00", CultureInfo.InvariantCulture) + ", skipped");
                continue;
            }

            tradedGross += value;
            var order = new TargetOrder(names[i], qty > 0 ? OrderSide.Buy : OrderSide.Sell, Math.Abs(qty), request.Source);
            (qty > 0 ? buys : sells).Add(order);
        }

        return new RebalancePlan([.. sells, .. buys], (double)scale, turnoverBefore, tradedGross / request.Equity, notes);
    }

    private static decimal RoundTowardZero(decimal shares, int lot, bool fractional)
    {
        if (fractional)
        {
            return decimal.Truncate(shares * 1_000_000m) / 1_000_000m;
        }

        return decimal.Truncate(shares / lot) * lot;
    }

    private static void Validate(RebalanceRequest r)
    {
        if (r.TargetWeights is null || r.Positions is null || r.Prices is null)
        {
            throw new TesseraValidationException("rebalance", null, "target weights, positions and prices are required");
        }

        if (r.Equity <= 0)
        {
            throw new TesseraValidationException("equity", r.Equity.ToString(CultureInfo.InvariantCulture), "must be > 0 to rebalance");
        }

        double sum = 0;
        foreach (var (symbol, w) in r.TargetWeights)
        {
            TradingSymbol.Validate(symbol, "target_weights");
            if (!double.IsFinite(w) || w < 0 || w > 1)
            {
                throw new TesseraValidationException("target_weights." + symbol, w.ToString("R", CultureInfo.InvariantCulture), "a weight is finite and in [0, 1] (long-only; shorts enter through signals)");
            }

            sum += w;
        }

        if (sum > 1 + 1e-9)
        {
            throw new TesseraValidationException("target_weights", sum.ToString("R", CultureInfo.InvariantCulture), "weights sum to at most 1");
        }

        foreach (var (symbol, qty) in r.Positions)
        {
            if (qty < 0)
            {
                throw new TesseraValidationException("positions." + symbol, qty.ToString(CultureInfo.InvariantCulture), "the rebalancer is long-only: cover shorts through exit signals first");
            }
        }
    }

    private static string Pct(decimal x) => (x * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
