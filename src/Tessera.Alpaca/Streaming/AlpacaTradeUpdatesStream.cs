using System.Net.WebSockets;
using System.Text.Json;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Json;
using Tessera.Alpaca.Model;

namespace Tessera.Alpaca.Streaming;

/// <summary>
/// The trade updates WebSocket (wss://paper-api.alpaca.markets/stream). Handshake: authenticate, then listen to
/// trade_updates. Frames may be binary (Alpaca sends binary frames with JSON) or text. Duplicated events (same order,
/// event and execution) are dropped. After a reconnect a <see cref="TradeStreamLifecycle"/> Reconnected message tells
/// the consumer that events may have been missed: reconcile open orders over REST.
/// </summary>
public sealed class AlpacaTradeUpdatesStream : ResilientStream<TradeStreamMessage>
{
    private readonly AlpacaCredentials _credentials;
    private readonly RecentKeys<string> _seen;

    public AlpacaTradeUpdatesStream(AlpacaClientOptions options, StreamOptions? streamOptions = null, Func<Uri, ClientWebSocket>? socketFactory = null)
        : base(Endpoint(options), streamOptions ?? new StreamOptions(), socketFactory)
    {
        _credentials = options.Credentials;
        _seen = new RecentKeys<string>(Options.DedupeCapacity);
    }

    /// <summary>Frames that could not be read as a trade stream message.</summary>
    public long MalformedFrames { get; private set; }

    protected override IEnumerable<byte[]> OnOpened()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("action", "authenticate");
            w.WriteStartObject("data");
            w.WriteString("key_id", _credentials.KeyId);
            w.WriteString("secret_key", _credentials.SecretKey);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return [buffer.ToArray()];
    }

    protected override void OnFrame(ReadOnlySpan<byte> frame, StreamSession session)
    {
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 16 });
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("stream", out var streamEl) || streamEl.ValueKind != JsonValueKind.String)
            {
                MalformedFrames++;
                return;
            }

            var stream = streamEl.GetString()!;
            root.TryGetProperty("data", out var data);
            switch (stream)
            {
                case "authorization":
                    var status = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("status", out var s) ? s.GetString() ?? string.Empty : string.Empty;
                    session.Publish(new TradeStreamControl(stream, status, []));
                    if (status == "authorized")
                    {
                        session.Authenticated();
                        session.Send(ListenFrame());
                    }
                    else
                    {
                        session.End(StreamErrorCode.AuthFailed, 402, "trade stream authorization: " + status);
                    }

                    break;
                case "listening":
                    var streams = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("streams", out var arr) && arr.ValueKind == JsonValueKind.Array
                        ? arr.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                        : [];
                    session.Publish(new TradeStreamControl(stream, "listening", streams));
                    break;
                case "trade_updates":
                    var update = data.Deserialize<TradeUpdate>(AlpacaJson.Options);
                    if (update is null || string.IsNullOrEmpty(update.Order.Id))
                    {
                        MalformedFrames++;
                        return;
                    }

                    if (!_seen.Add(Key(update)))
                    {
                        DuplicatesDropped++;
                        return;
                    }

                    session.Publish(new TradeUpdateMessage(update));
                    break;
                default:
                    // A stream this client does not listen to (or added later): ignored.
                    break;
            }
        }
        catch (JsonException)
        {
            MalformedFrames++;
        }
    }

    protected override TradeStreamMessage Lifecycle(StreamLifecycleEvent lifecycle, int attempt, string? detail) => new TradeStreamLifecycle(lifecycle, attempt, detail);

    private static string Key(TradeUpdate u) =>
         string.Concat(u.Order.Id, "|", u.Event.ToString(), "|", u.ExecutionId ?? u.EventId ?? string.Empty, "|", u.Timestamp?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, "|", u.Order.FilledQty.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static byte[] ListenFrame() => """{"action":"listen","data":{"streams":["trade_updates"]}}"""u8.ToArray();

    private static Uri Endpoint(AlpacaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Endpoints.TradingStream;
    }
}
