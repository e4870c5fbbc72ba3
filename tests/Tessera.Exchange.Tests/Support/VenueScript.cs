using Tessera.Core.Markets;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;
using Xunit;

namespace Tessera.Exchange.Tests.Support;

/// <summary>A venue on a manual clock with captured trade updates: the harness of the hand-worked matching cases.</summary>
public sealed class VenueScript
{
    public VenueScript(MarketTape tape, string startEt, VenueOptions? options = null)
    {
        Venue = new Venue(options ?? new VenueOptions { Costs = CostModel.Free }, tape, new VirtualClock(Tapes.Et(startEt), ClockMode.Manual));
        Venue.TradeUpdates = Updates;
    }

    public Venue Venue { get; }

    public CapturedUpdates Updates { get; } = new();

    public List<MarketEvent> Market { get; } = [];

    public VenueScript At(string et)
    {
        Venue.AdvanceTo(Tapes.Et(et), Market);
        return this;
    }

    public ExchangeOrder Submit(OrderRequest request)
    {
        var r = Venue.Submit(request);
        Assert.True(r.IsSuccess, r.Error?.Message);
        return r.Value!.Order;
    }

    public T Read<T>(Func<VenueView, T> read) => Venue.Read(read);

    public static OrderRequest Buy(decimal qty, OrderType type = OrderType.Market, TimeInForce tif = TimeInForce.Day, decimal? limit = null, decimal? stop = null, string symbol = "SPY") =>
        new() { Symbol = symbol, Qty = qty, Side = OrderSide.Buy, Type = type, TimeInForce = tif, LimitPrice = limit, StopPrice = stop };

    public static OrderRequest Sell(decimal qty, OrderType type = OrderType.Market, TimeInForce tif = TimeInForce.Day, decimal? limit = null, decimal? stop = null, string symbol = "SPY") =>
        new() { Symbol = symbol, Qty = qty, Side = OrderSide.Sell, Type = type, TimeInForce = tif, LimitPrice = limit, StopPrice = stop };
}
