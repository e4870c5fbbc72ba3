using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Trading;

namespace Tessera.Exchange.Streaming;

/// <summary>
/// All trade updates sessions. <see cref="Publish"/> is called by the venue under its lock for every order event and
/// must not block: frames go to each listening session's queue (a session whose queue is full is dropped, as a
/// client that stops reading would be). Fault plans duplicate events or swap one with the next.
/// </summary>
public sealed class TradeUpdatesHub : ITradeUpdateSink
{
    private readonly Lock _gate = new();
    private readonly StreamSettings _settings;
    private readonly FaultInjector _faults;
    private readonly byte[] _keyId;
    private readonly byte[] _secret;
    private readonly TimeProvider _wall;
    private TradeUpdatesSession[] _sessions = [];

    public TradeUpdatesHub(StreamSettings settings, FaultInjector faults, string keyId, string secret, TimeProvider wall)
    {
        _settings = settings;
        _faults = faults;
        _keyId = Encoding.UTF8.GetBytes(keyId);
        _secret = Encoding.UTF8.GetBytes(secret);
        _wall = wall;
    }

    public int SessionCount => Volatile.Read(ref _sessions).Length;

    public int ListeningCount => Volatile.Read(ref _sessions).Count(s => s.Listening);

    public long EventsPublished { get; private set; }

    internal async Task HandleAsync(WebSocket socket, PausableStream? transport, CancellationToken cancellationToken)
    {
        var session = new TradeUpdatesSession(this, socket, transport, _settings, _wall);
        lock (_gate)
        {
            _sessions = [.. _sessions, session];
        }

        await session.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Publish(byte[] frame)
    {
        EventsPublished++;
        var faults = _faults.Plan.StreamDuplicateRate > 0 || _faults.Plan.StreamReorderRate > 0;
        foreach (var s in Volatile.Read(ref _sessions))
        {
            if (!s.Listening || s.Closing)
            {
                continue;
            }

            if (faults && s.HeldBack is null && _faults.Reorder())
            {
                s.HeldBack = frame;
                continue;
            }

            Send(s, frame);
            if (s.HeldBack is { } held)
            {
                s.HeldBack = null;
                Send(s, held);
            }

            if (faults && _faults.Duplicate())
            {
                Send(s, frame);
            }
        }
    }

    private static void Send(TradeUpdatesSession s, byte[] frame)
    {
        if (!s.TryEnqueue(frame))
        {
            s.Abort();
        }
    }

    internal bool CheckKeys(string key, string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), _keyId)
        & CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), _secret);

    internal void Remove(TradeUpdatesSession session)
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
}
