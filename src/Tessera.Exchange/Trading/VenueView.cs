using Tessera.Core.Markets;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;

namespace Tessera.Exchange.Trading;

/// <summary>Read access to the venue's state while its lock is held (only valid inside <see cref="Venue.Read{T}"/>).</summary>
public readonly struct VenueView
{
    private readonly Venue _venue;

    internal VenueView(Venue venue) => _venue = venue;

    public DateTimeOffset Now => _venue.MarketTime;

    public MarketPhase Phase => _venue.Phase;

    public ExchangeAccount Account => _venue.Account;

    public IReadOnlyList<SymbolState> Symbols => _venue.Symbols;

    public IReadOnlyList<ExchangeOrder> Orders => _venue.OrderLog;

    public IReadOnlyList<Activity> Activities => _venue.Activities;

    public decimal BuyingPower => _venue.AvailableBuyingPower();

    public SymbolState? Symbol(string symbol) => _venue.FindSymbol(symbol);

    public ExchangeOrder? Order(Guid id) => _venue.FindOrder(id);

    public ExchangeOrder? OrderByClientId(string clientOrderId) => _venue.FindByClientId(clientOrderId);

    public TradingSession NextSession => NyseCalendar.NextSessionClosingAfter(_venue.MarketTime);
}
