namespace Tessera.Trading.Decisions;

/// <summary>
/// The IOC limit (seed 003): best ask x 1.001 for buys, best bid x 0.999 for sells, rounded to the nearest cent
/// (half away from zero; every price here is at least min_price, i.e. well above $1 where sub-penny limits are not
/// accepted). Rounding to the nearest cent can undo a premium smaller than half a cent (ask $3.00 x 1.001 = $3.003
/// gives $3.00), so the limit is then kept at the touch: never below the ask (rounded up to a cent) for a buy, never
/// above the bid (rounded down to a cent) for a sell, or the IOC could not fill at the quote it was priced from.
/// </summary>
public static class IocLimitPrice
{
    public static decimal ForBuy(decimal ask, double multiplier)
    {
        var limit = Math.Round(ask * (decimal)multiplier, 2, MidpointRounding.AwayFromZero);
        var touch = Math.Ceiling(ask * 100m) / 100m;
        return Math.Max(limit, touch);
    }

    public static decimal ForSell(decimal bid, double multiplier)
    {
        var limit = Math.Round(bid * (decimal)multiplier, 2, MidpointRounding.AwayFromZero);
        var touch = Math.Floor(bid * 100m) / 100m;
        return Math.Min(limit, touch);
    }
}
