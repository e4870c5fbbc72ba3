using Tessera.Alpaca.Streaming;

namespace Tessera.Exchange.Tests.Support;

public static class Streams
{
    /// <summary>Quick reconnects and keep-alive for tests (the defaults are Alpaca-sized: seconds to minutes).</summary>
    public static StreamOptions Fast => new()
    {
        PingInterval = TimeSpan.FromMilliseconds(300),
        PongTimeout = TimeSpan.FromMilliseconds(600),
        BackoffBase = TimeSpan.FromMilliseconds(50),
        BackoffMax = TimeSpan.FromMilliseconds(200),
        ConnectionLimitBackoff = TimeSpan.FromMilliseconds(200),
        HandshakeTimeout = TimeSpan.FromSeconds(5),
    };

    public static SubscriptionSet Everything(string symbol) => new()
    {
        Trades = [symbol],
        Quotes = [symbol],
        Bars = ["*"],
        UpdatedBars = [symbol],
        DailyBars = [symbol],
        Statuses = [symbol],
        Lulds = [symbol],
    };
}
