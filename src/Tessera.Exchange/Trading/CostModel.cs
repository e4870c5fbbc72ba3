namespace Tessera.Exchange.Trading;

/// <summary>
/// What a fill costs beyond its price (documented in docs/BROKER.md). Slippage moves the price of marketable fills
/// against the order by <see cref="SlippageBps"/>. Commission is per share with a minimum per fill. Sells pay the
/// SEC fee (<see cref="SecFeePerMillion"/> dollars per million of notional, rounded up to the cent) and FINRA's TAF
/// (per share, capped per trade, rounded up to the cent), as Alpaca passes them on; they post as FEE activities.
/// </summary>
public sealed record CostModel
{
    public decimal SlippageBps { get; init; }

    public decimal CommissionPerShare { get; init; }

    public decimal CommissionMinimum { get; init; }

    public decimal SecFeePerMillion { get; init; } = 27.80m;

    public decimal TafPerShare { get; init; } = 0.000166m;

    public decimal TafMaximum { get; init; } = 8.30m;

    public static CostModel Free { get; } = new() { SecFeePerMillion = 0, TafPerShare = 0, TafMaximum = 0 };

    /// <summary>The execution price of a marketable fill after slippage (rounded to 4 decimals).</summary>
    public decimal Slip(decimal price, bool buy) =>
        SlippageBps == 0 ? price : decimal.Round(price * (1 + ((buy ? 1 : -1) * SlippageBps / 10_000m)), 4);

    public decimal Commission(decimal qty) =>
        CommissionPerShare == 0 && CommissionMinimum == 0 ? 0 : Math.Max(CommissionMinimum, decimal.Round(qty * CommissionPerShare, 2));

    /// <summary>Regulatory fees of a sell fill (0 for buys).</summary>
    public decimal RegulatoryFees(bool sell, decimal qty, decimal price)
    {
        if (!sell)
        {
            return 0;
        }

        var sec = CeilingCents(qty * price * SecFeePerMillion / 1_000_000m);
        var taf = Math.Min(TafMaximum, CeilingCents(qty * TafPerShare));
        return sec + taf;
    }

    private static decimal CeilingCents(decimal v) => Math.Ceiling(v * 100m) / 100m;
}
