namespace Tessera.Exchange.Trading;

/// <summary>
/// Cash, positions and the margin arithmetic (documented in docs/BROKER.md, after Alpaca's definitions):
/// equity = cash + long market value + short market value (negative); initial margin = 50% of the absolute market
/// value of marginable positions (100% otherwise, and always in a cash account); buying power = cash when the
/// multiplier is 1, else max(0, equity - initial margin) x multiplier; open orders reserve their cost basis.
/// </summary>
public sealed class ExchangeAccount
{
    public required Guid Id { get; init; }

    public required string AccountNumber { get; init; }

    public required DateTimeOffset CreatedAt { get; set; }

    public decimal StartingCash { get; set; }

    public decimal Cash { get; set; }

    /// <summary>Equity at the previous session's close (16:00 ET), as Alpaca reports last_equity.</summary>
    public decimal LastEquity { get; set; }

    /// <summary>Equity recorded at the last close; becomes <see cref="LastEquity"/> when the next session begins.</summary>
    public decimal? CloseEquity { get; set; }

    public decimal Multiplier { get; set; } = 2;

    public bool ShortingConfigured { get; set; } = true;

    public bool TradingBlocked { get; set; }

    /// <summary>Positions by symbol index; a flat position is removed.</summary>
    public Dictionary<int, ExchangePosition> Positions { get; } = [];

    /// <summary>Shorting needs a margin account (Alpaca: multiplier above 1).</summary>
    public bool ShortingEnabled => ShortingConfigured && Multiplier > 1;

    public decimal LongMarketValue
    {
        get
        {
            var sum = 0m;
            foreach (var p in Positions.Values)
            {
                if (p.Qty > 0)
                {
                    sum += p.MarketValue;
                }
            }

            return sum;
        }
    }

    /// <summary>Negative (Alpaca's sign convention).</summary>
    public decimal ShortMarketValue
    {
        get
        {
            var sum = 0m;
            foreach (var p in Positions.Values)
            {
                if (p.Qty < 0)
                {
                    sum += p.MarketValue;
                }
            }

            return sum;
        }
    }

    public decimal Equity => Cash + LongMarketValue + ShortMarketValue;

    public decimal InitialMargin
    {
        get
        {
            var sum = 0m;
            foreach (var p in Positions.Values)
            {
                var rate = Multiplier > 1 && p.Symbol.Asset.Marginable ? 0.5m : 1m;
                sum += Math.Abs(p.MarketValue) * rate;
            }

            return sum;
        }
    }

    /// <summary>25% of long value, 30% of short value (FINRA minimums).</summary>
    public decimal MaintenanceMargin
    {
        get
        {
            var sum = 0m;
            foreach (var p in Positions.Values)
            {
                sum += p.Qty > 0 ? 0.25m * p.MarketValue : 0.30m * -p.MarketValue;
            }

            return sum;
        }
    }

    /// <summary>Buying power before subtracting what open orders reserve.</summary>
    public decimal GrossBuyingPower => Multiplier <= 1 ? Math.Max(0, Cash) : Math.Max(0, Equity - InitialMargin) * Multiplier;

    public decimal PositionQty(int symbol) => Positions.TryGetValue(symbol, out var p) ? p.Qty : 0m;
}
