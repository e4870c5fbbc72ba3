using System.Net.WebSockets;
using System.Text.Json;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Model;

namespace Tessera.Alpaca.Streaming;

/// <summary>
/// The market data WebSocket (wss://stream.data.alpaca.markets/v2/{feed}, or the local exchange). Handshake: wait
/// for "connected", send auth, wait for "authenticated", then (re)send the whole wanted subscription. Duplicated
/// trades (same symbol and id) and minute bars (same symbol and start) are dropped; other messages pass in arrival
/// order. Error frames are delivered as <see cref="StreamError"/>; those that end a session (401/402/404/406/407/
/// 408/409/411/500) also trigger a reconnect, or the end of the stream when reconnecting cannot help.
/// </summary>
public sealed class AlpacaMarketDataStream : ResilientStream<MarketDataMessage>
{
    private readonly AlpacaCredentials _credentials;
    private readonly MarketDataFrameParser _parser = new();
    private readonly List<MarketDataMessage> _parsed = [];
    private readonly RecentKeys<(string, long)> _trades;
    private readonly RecentKeys<(string, long)> _bars;
    private readonly Lock _gate = new();
    private SubscriptionSet _wanted = new();

    public AlpacaMarketDataStream(AlpacaClientOptions options, DataFeed feed, StreamOptions? streamOptions = null, Func<Uri, ClientWebSocket>? socketFactory = null)
        : base(Endpoint(options, feed), streamOptions ?? new StreamOptions(), socketFactory)
    {
        _credentials = options.Credentials;
        _trades = new RecentKeys<(string, long)>(Options.DedupeCapacity);
        _bars = new RecentKeys<(string, long)>(Options.DedupeCapacity);
        Feed = feed;
    }

    public DataFeed Feed { get; }

    /// <summary>The subscription this client wants (replayed after every reconnect).</summary>
    public SubscriptionSet Wanted
    {
        get
        {
            lock (_gate)
            {
                return _wanted;
            }
        }
    }

    /// <summary>Messages of unknown type skipped by the parser.</summary>
    public long UnknownMessages => _parser.UnknownMessages;

    public async Task SubscribeAsync(SubscriptionSet add, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(add);
        lock (_gate)
        {
            _wanted = _wanted.Union(add);
        }

        await SendIfConnectedAsync(add.ToActionFrame("subscribe"), cancellationToken).ConfigureAwait(false);
    }

    public async Task UnsubscribeAsync(SubscriptionSet remove, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remove);
        lock (_gate)
        {
            _wanted = _wanted.Except(remove);
        }

        await SendIfConnectedAsync(remove.ToActionFrame("unsubscribe"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a raw frame (tests of the server's handling of bad input).</summary>
    public Task<bool> SendRawAsync(byte[] frame, CancellationToken cancellationToken = default) => SendIfConnectedAsync(frame, cancellationToken);

    protected override IEnumerable<byte[]> OnOpened()
    {
        _trades.Clear();
        _bars.Clear();
        return [];
    }

    protected override void OnFrame(ReadOnlySpan<byte> frame, StreamSession session)
    {
        _parsed.Clear();
        try
        {
            _parser.Parse(frame, _parsed);
        }
        catch (JsonException)
        {
            session.Publish(new StreamError(StreamErrorCode.Unknown, 0, "unparseable frame from server"));
            return;
        }

        foreach (var message in _parsed)
        {
            switch (message)
            {
                case StreamSuccess { Message: "connected" }:
                    session.Send(AuthFrame());
                    session.Publish(message);
                    break;
                case StreamSuccess { Message: "authenticated" }:
                    session.Authenticated();
                    session.Publish(message);
                    var wanted = Wanted;
                    if (!wanted.IsEmpty)
                    {
                        session.Send(wanted.ToActionFrame("subscribe"));
                    }

                    break;
                case StreamError error:
                    session.Publish(error);
                    if (EndsSession(error.Code))
                    {
                        session.End(error.Code, error.RawCode, error.Message);
                    }

                    break;
                case StreamTrade t when !_trades.Add((t.Trade.Symbol ?? string.Empty, t.Trade.Id)):
                case StreamBar { Kind: StreamBarKind.Minute } b when !_bars.Add((b.Bar.Symbol ?? string.Empty, b.Bar.Timestamp.UtcTicks)):
                    DuplicatesDropped++;
                    break;
                default:
                    session.Publish(message);
                    break;
            }
        }
    }

    protected override MarketDataMessage Lifecycle(StreamLifecycleEvent lifecycle, int attempt, string? detail) => new StreamLifecycle(lifecycle, attempt, detail);

    /// <summary>Codes after which Alpaca closes the connection; 400/403/405/410 answer one bad request and the session goes on.</summary>
    private static bool EndsSession(StreamErrorCode code) => code is StreamErrorCode.NotAuthenticated or StreamErrorCode.AuthFailed or StreamErrorCode.AuthTimeout
        or StreamErrorCode.ConnectionLimitExceeded or StreamErrorCode.SlowClient or StreamErrorCode.V2NotEnabled or StreamErrorCode.InsufficientSubscription
        or StreamErrorCode.InsufficientScope or StreamErrorCode.InternalError;

    private byte[] AuthFrame()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("action", "auth");
            w.WriteString("key", _credentials.KeyId);
            w.WriteString("secret", _credentials.SecretKey);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static Uri Endpoint(AlpacaClientOptions options, DataFeed feed)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Endpoints.MarketDataStream(feed);
    }
}
