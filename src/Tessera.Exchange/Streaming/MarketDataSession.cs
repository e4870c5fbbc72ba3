using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Market;

namespace Tessera.Exchange.Streaming;

/// <summary>
/// One market data connection: sends "connected", expects auth within the timeout, applies subscribe/unsubscribe
/// with Alpaca's errors (400 syntax, 401 before auth, 402 bad keys, 403 second auth, 404 timeout, 405 symbol limit,
/// 406 connection limit, 409 feed not in plan, 410 bad action), and receives data frames filtered by subscription.
/// </summary>
internal sealed class MarketDataSession : SocketSession
{
    private readonly MarketDataHub _hub;
    private readonly Lock _subsGate = new();
    private Subscriptions _subs = new();
    private int _indexedSymbols = -1;

    public MarketDataSession(MarketDataHub hub, WebSocket socket, PausableStream? transport, DataFeed feed, StreamSettings settings, TimeProvider wall)
        : base(socket, transport, settings, WebSocketMessageType.Text, wall)
    {
        _hub = hub;
        Feed = feed;
    }

    public DataFeed Feed { get; }

    public string? KeyId { get; private set; }

    public bool Authenticated { get; private set; }

    /// <summary>The builder of this session's frames (used by the publisher only).</summary>
    public ArrayBufferWriter<byte> Buffer { get; } = new(32 * 1024);

    public MarketEvent? HeldBack { get; set; }

    public Subscriptions CurrentSubscriptions(IReadOnlyList<SymbolState> symbols)
    {
        lock (_subsGate)
        {
            if (_indexedSymbols != symbols.Count)
            {
                _subs.Index(symbols);
                _indexedSymbols = symbols.Count;
            }

            return _subs;
        }
    }

    protected override Task OnOpenAsync()
    {
        TryEnqueue(MarketDataFrames.Connected);
        _ = AuthTimeoutAsync();
        return Task.CompletedTask;
    }

    protected override void OnClosed() => _hub.Remove(this);

    protected override void OnOversized() => TryEnqueue(MarketDataFrames.Error(400));

    protected override void OnMessage(ReadOnlySpan<byte> message)
    {
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(message, new JsonReaderOptions { MaxDepth = 4 });
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            TryEnqueue(MarketDataFrames.Error(400));
            return;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String)
            {
                TryEnqueue(MarketDataFrames.Error(400));
                return;
            }

            switch (action.GetString())
            {
                case "auth":
                    Auth(root);
                    break;
                case "subscribe":
                case "unsubscribe":
                    if (!Authenticated)
                    {
                        End(401);
                        return;
                    }

                    Subscribe(root, action.GetString() == "subscribe");
                    break;
                default:
                    TryEnqueue(MarketDataFrames.Error(410));
                    break;
            }
        }
    }

    public void End(int code) => EndWith(MarketDataFrames.Error(code));

    private void Auth(JsonElement root)
    {
        if (Authenticated)
        {
            TryEnqueue(MarketDataFrames.Error(403));
            return;
        }

        var key = root.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var secret = root.TryGetProperty("secret", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (key is null || secret is null || !_hub.CheckKeys(key, secret))
        {
            End(402);
            return;
        }

        if (!_hub.TryClaimConnection(this, key))
        {
            End(406);
            return;
        }

        if (!Settings.AllowedFeeds.Contains(Feed))
        {
            End(409);
            return;
        }

        KeyId = key;
        Authenticated = true;
        TryEnqueue(MarketDataFrames.Authenticated);
    }

    private void Subscribe(JsonElement root, bool add)
    {
        Subscriptions next;
        lock (_subsGate)
        {
            next = _subs.Clone();
        }

        foreach (var p in root.EnumerateObject())
        {
            if (p.Name == "action")
            {
                continue;
            }

            var channel = Subscriptions.ChannelIndex(p.Name);
            if (channel < 0 || p.Value.ValueKind != JsonValueKind.Array)
            {
                TryEnqueue(MarketDataFrames.Error(channel < 0 ? 410 : 400));
                return;
            }

            foreach (var item in p.Value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 and <= 32 } symbol)
                {
                    TryEnqueue(MarketDataFrames.Error(400));
                    return;
                }

                if (add)
                {
                    next.Add(channel, symbol.ToUpperInvariant());
                }
                else
                {
                    next.Remove(channel, symbol.ToUpperInvariant());
                }
            }
        }

        if (Settings.MaxSymbols > 0 && next.SymbolCount > Settings.MaxSymbols)
        {
            TryEnqueue(MarketDataFrames.Error(405));
            return;
        }

        lock (_subsGate)
        {
            _subs = next;
            _indexedSymbols = -1;
        }

        TryEnqueue(MarketDataFrames.Subscription(next));
    }

    private async Task AuthTimeoutAsync()
    {
        try
        {
            await Task.Delay(Settings.AuthTimeout, _hub.Wall).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (!Authenticated && !Closing)
        {
            End(404);
        }
    }
}
