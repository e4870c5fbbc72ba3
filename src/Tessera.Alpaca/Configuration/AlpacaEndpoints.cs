using Tessera.Alpaca.Model;
using Tessera.Core.Errors;

namespace Tessera.Alpaca.Configuration;

/// <summary>The four base addresses of a broker: trading REST, market data REST, trading stream, market data stream.</summary>
public sealed record AlpacaEndpoints
{
    private AlpacaEndpoints(AlpacaEnvironment environment, Uri trading, Uri marketData, Uri tradingStream, Uri marketDataStreamBase)
    {
        Environment = environment;
        Trading = trading;
        MarketData = marketData;
        TradingStream = tradingStream;
        MarketDataStreamBase = marketDataStreamBase;
    }

    public AlpacaEnvironment Environment { get; }

    public Uri Trading { get; }

    public Uri MarketData { get; }

    public Uri TradingStream { get; }

    /// <summary>The market data stream without the feed: append v2/{feed}.</summary>
    public Uri MarketDataStreamBase { get; }

    public static AlpacaEndpoints Paper { get; } = new(
        AlpacaEnvironment.Paper,
        new Uri("https://paper-api.alpaca.markets/"),
        new Uri("https://data.alpaca.markets/"),
        new Uri("wss://paper-api.alpaca.markets/stream"),
        new Uri("wss://stream.data.alpaca.markets/"));

    /// <summary>Live trading moves real money: it exists only when the caller confirmed it explicitly (--live).</summary>
    public static AlpacaEndpoints Live(bool confirmed) => confirmed
        ? new(
            AlpacaEnvironment.Live,
            new Uri("https://api.alpaca.markets/"),
            new Uri("https://data.alpaca.markets/"),
            new Uri("wss://api.alpaca.markets/stream"),
            new Uri("wss://stream.data.alpaca.markets/"))
        : throw new TesseraValidationException("--live", null, "live trading needs an explicit confirmation (--live)");

    /// <summary>The local exchange serves every route and both streams on one address.</summary>
    public static AlpacaEndpoints Local(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (baseAddress.Scheme is not ("http" or "https"))
        {
            throw new TesseraValidationException("exchange url", baseAddress.ToString(), "must be http:// or https://");
        }

        var root = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + "/");
        var ws = new UriBuilder(root) { Scheme = root.Scheme == "https" ? "wss" : "ws" }.Uri;
        return new(AlpacaEnvironment.Local, root, root, new Uri(ws, "stream"), ws);
    }

    public Uri MarketDataStream(DataFeed feed) => new(MarketDataStreamBase, "v2/" + Wire<DataFeed>.Name(feed));

    public override string ToString() => $"{Environment} ({Trading.GetLeftPart(UriPartial.Authority)})";
}
