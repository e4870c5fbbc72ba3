namespace Tessera.Exchange.Trading;

public enum MarketPhase
{
    Closed,
    PreMarket,
    Regular,
    PostMarket,
}
