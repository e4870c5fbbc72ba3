using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Market;

namespace Tessera.Exchange.Streaming;

/// <summary>
/// All market data sessions, and the fan-out of replayed events to them. Each session gets frames built from its own
/// subscriptions (one JSON array per frame, ~16 KB); fault plans add duplicated and swapped messages. A session that
/// cannot keep up is ended with 407 (Alpaca's behaviour) unless the exchange runs with <see cref="Backpressure.Wait"/>.
/// </summary>
public sealed class MarketDataHub
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly StreamSettings _settings;
    private readonly FaultInjector _faults;
    private readonly Func<IReadOnlyList<SymbolState>> _symbols;
    private readonly byte[] _keyId;
    private readonly byte[] _secret;
    private MarketDataSession[] _sessions = [];

    public MarketDataHub(StreamSettings settings, FaultInjector faults, Func<IReadOnlyList<SymbolState>> symbols, string keyId, string secret, TimeProvider wall)
    {
        _settings = settings;
        _faults = faults;
        _symbols = symbols;
        _keyId = Encoding.UTF8.GetBytes(keyId);
        _secret = Encoding.UTF8.GetBytes(secret);
        Wall = wall;
    }

    public TimeProvider Wall { get; }

    public int SessionCount => Volatile.Read(ref _sessions).Length;

    public int AuthenticatedCount => Volatile.Read(ref _sessions).Count(s => s.Authenticated);

    /// <summary>Sessions ended as slow clients (407).</summary>
    public long SlowClients { get; private set; }

    internal async Task HandleAsync(WebSocket socket, PausableStream? transport, DataFeed feed, CancellationToken cancellationToken)
    {
        var session = new MarketDataSession(this, socket, transport, feed, _settings, Wall);
        lock (_gate)
        {
            _sessions = [.. _sessions, session];
        }

        await session.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends events to every subscribed session; publications are serialized (the replay and /admin/clock may both publish).</summary>
    public async ValueTask PublishAsync(IReadOnlyList<MarketEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 || Volatile.Read(ref _sessions).Length == 0)
        {
            return;
        }

        await _publishing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var symbols = _symbols();
            var faults = _faults.Plan.StreamDuplicateRate > 0 || _faults.Plan.StreamReorderRate > 0;
            foreach (var session in Volatile.Read(ref _sessions))
            {
                if (!session.Authenticated || session.Closing)
                {
                    continue;
                }

                var subs = session.CurrentSubscriptions(symbols);
                if (subs.IsEmpty)
                {
                    continue;
                }

                await SendFramesAsync(session, subs, events, symbols, faults, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _publishing.Release();
        }
    }

    private async ValueTask SendFramesAsync(MarketDataSession session, Subscriptions subs, IReadOnlyList<MarketEvent> events, IReadOnlyList<SymbolState> symbols, bool faults, CancellationToken cancellationToken)
    {
        var buffer = session.Buffer;
        buffer.ResetWrittenCount();
        var writer = new Utf8JsonWriter(buffer, Json.ExchangeJson.Options);
        await using (writer.ConfigureAwait(false))
        {
            var open = false;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (!subs.Wants(e.Kind, e.Symbol))
                {
                    continue;
                }

                if (!open)
                {
                    writer.WriteStartArray();
                    open = true;
                }

                if (faults && _faults.Reorder() && session.HeldBack is null)
                {
                    // Swapped with the next message this session gets.
                    session.HeldBack = e;
                    continue;
                }

                MarketDataFrames.WriteEvent(writer, e, symbols[e.Symbol].Symbol);
                if (session.HeldBack is { } held)
                {
                    MarketDataFrames.WriteEvent(writer, held, symbols[held.Symbol].Symbol);
                    session.HeldBack = null;
                }

                if (faults && _faults.Duplicate())
                {
                    MarketDataFrames.WriteEvent(writer, e, symbols[e.Symbol].Symbol);
                }

                if (writer.BytesPending + buffer.WrittenCount >= _settings.FrameBytes)
                {
                    writer.WriteEndArray();
                    writer.Flush();
                    if (!await SendAsync(session, buffer.WrittenSpan.ToArray(), cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    buffer.ResetWrittenCount();
                    writer.Reset(buffer);
                    open = false;
                }
            }

            if (open)
            {
                writer.WriteEndArray();
                writer.Flush();
                await SendAsync(session, buffer.WrittenSpan.ToArray(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<bool> SendAsync(MarketDataSession session, byte[] frame, CancellationToken cancellationToken)
    {
        if (session.TryEnqueue(frame))
        {
            return true;
        }

        if (_settings.Backpressure == Backpressure.Wait && !session.Closing)
        {
            await session.EnqueueAsync(frame, cancellationToken).ConfigureAwait(false);
            return true;
        }

        SlowClients++;
        session.End(407);
        return false;
    }

    internal bool CheckKeys(string key, string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), _keyId)
        & CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), _secret);

    /// <summary>One session per key (configurable), and none during a 406 fault window.</summary>
    internal bool TryClaimConnection(MarketDataSession session, string key)
    {
        if (_faults.ConnectionLimited)
        {
            return false;
        }

        lock (_gate)
        {
            var same = _sessions.Count(s => s != session && s.Authenticated && !s.Closing && s.KeyId == key);
            return same < _settings.MaxConnectionsPerKey;
        }
    }

    internal void Remove(MarketDataSession session)
    {
        lock (_gate)
        {
            _sessions = [.. _sessions.Where(s => s != session)];
        }
    }

    public void DropAll()
    {
        foreach (var s in Volatile.Read(ref _sessions))
        {
            s.Abort();
        }
    }

    public void StallAll(TimeSpan duration, bool answerPings)
    {
        foreach (var s in Volatile.Read(ref _sessions))
        {
            s.Stall(duration, answerPings);
        }
    }

    /// <summary>Sends an error code to every session; codes that end sessions close them.</summary>
    public void SendErrorAll(int code)
    {
        foreach (var s in Volatile.Read(ref _sessions))
        {
            if (Streaming.MarketDataFrames.EndsSession(code))
            {
                s.End(code);
            }
            else
            {
                s.TryEnqueue(Streaming.MarketDataFrames.Error(code));
            }
        }
    }
}
