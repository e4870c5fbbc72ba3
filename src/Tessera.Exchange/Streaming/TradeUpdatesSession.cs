using System.Net.WebSockets;
using System.Text.Json;

namespace Tessera.Exchange.Streaming;

/// <summary>
/// One trade updates connection: authenticate ({"action":"authenticate","data":{"key_id","secret_key"}}), then listen
/// ({"action":"listen","data":{"streams":["trade_updates"]}}); events follow. Frames are binary, as Alpaca sends them.
/// </summary>
internal sealed class TradeUpdatesSession : SocketSession
{
    private static readonly byte[] Authorized = """{"stream":"authorization","data":{"status":"authorized","action":"authenticate"}}"""u8.ToArray();
    private static readonly byte[] Unauthorized = """{"stream":"authorization","data":{"status":"unauthorized","action":"authenticate"}}"""u8.ToArray();
    private static readonly byte[] NotAuthorized = """{"stream":"authorization","data":{"status":"unauthorized","action":"listen"}}"""u8.ToArray();
    private static readonly byte[] ListeningFrame = """{"stream":"listening","data":{"streams":["trade_updates"]}}"""u8.ToArray();
    private static readonly byte[] NotListening = """{"stream":"listening","data":{"streams":[]}}"""u8.ToArray();
    private static readonly byte[] BadRequest = """{"stream":"error","data":{"error_message":"invalid request"}}"""u8.ToArray();

    private readonly TradeUpdatesHub _hub;

    public TradeUpdatesSession(TradeUpdatesHub hub, WebSocket socket, PausableStream? transport, StreamSettings settings, TimeProvider wall)
        : base(socket, transport, settings, WebSocketMessageType.Binary, wall)
    {
        _hub = hub;
    }

    public bool Authenticated { get; private set; }

    public bool Listening { get; private set; }

    public byte[]? HeldBack { get; set; }

    protected override void OnClosed() => _hub.Remove(this);

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
            TryEnqueue(BadRequest);
            return;
        }

        using (doc)
        {
            var root = doc.RootElement;
            var action = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            var data = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            switch (action)
            {
                case "authenticate" or "auth":
                    var key = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("key_id", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                    var secret = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("secret_key", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                    if (key is null || secret is null || !_hub.CheckKeys(key, secret))
                    {
                        EndWith(Unauthorized);
                        return;
                    }

                    Authenticated = true;
                    TryEnqueue(Authorized);
                    break;
                case "listen":
                    if (!Authenticated)
                    {
                        EndWith(NotAuthorized);
                        return;
                    }

                    var streams = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("streams", out var st) && st.ValueKind == JsonValueKind.Array
                        ? st.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()).ToList()
                        : [];
                    Listening = streams.Contains("trade_updates");
                    TryEnqueue(Listening ? ListeningFrame : NotListening);
                    break;
                default:
                    TryEnqueue(BadRequest);
                    break;
            }
        }
    }
}
