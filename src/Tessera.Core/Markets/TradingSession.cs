namespace Tessera.Core.Markets;

/// <summary>One NYSE trading day: pre-market from 04:00, the regular session 09:30 to 16:00 (13:00 on early closes), post-market to 20:00 (17:00).</summary>
public sealed record TradingSession(DateOnly Date, DateTimeOffset PreOpen, DateTimeOffset Open, DateTimeOffset Close, DateTimeOffset PostClose, bool EarlyClose)
{
    public bool IsRegular(DateTimeOffset t) => t >= Open && t < Close;

    public bool IsExtended(DateTimeOffset t) => t >= PreOpen && t < PostClose;
}
