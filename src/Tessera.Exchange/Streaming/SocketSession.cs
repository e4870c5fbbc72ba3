using System.Net.WebSockets;
using System.Threading.Channels;

namespace Tessera.Exchange.Streaming;

/// <summary>
/// One server-side WebSocket: a send loop draining a bounded frame queue, a receive loop handing complete messages
/// to the subclass, and the fault hooks (abort = unclean drop; stall = neither sending nor reading, so pings go
/// unanswered, or sending nothing while still answering pings: a connected-but-mute stream).
/// </summary>
internal abstract class SocketSession
{
    private readonly Channel<byte[]> _out;
    private readonly SemaphoreSlim _slots;
    private readonly WebSocketMessageType _frameType;
    private readonly TimeProvider _wall;
    private long _stallUntil;
    private bool _stallAnswersPings;
    private volatile bool _closing;

    private readonly PausableStream? _transport;

    protected SocketSession(WebSocket socket, PausableStream? transport, StreamSettings settings, WebSocketMessageType frameType, TimeProvider wall)
    {
        Socket = socket;
        _transport = transport;
        Settings = settings;
        _frameType = frameType;
        _wall = wall;
        // Unbounded underneath, bounded by the slots: a closing error frame must get through a full queue (407).
        _out = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        _slots = new SemaphoreSlim(settings.QueueFrames, settings.QueueFrames);
    }

    public WebSocket Socket { get; }

    public StreamSettings Settings { get; }

    public bool Closing => _closing;

    public long FramesSent { get; private set; }

    /// <summary>Queues a frame; false when the queue is full (the consumer is slow) or the session is closing.</summary>
    public bool TryEnqueue(byte[] frame)
    {
        if (_closing || !_slots.Wait(0))
        {
            return false;
        }

        if (_out.Writer.TryWrite(frame))
        {
            return true;
        }

        _slots.Release();
        return false;
    }

    /// <summary>Waits for room in the queue (backpressure mode); returns when queued or when the session ended.</summary>
    public async ValueTask EnqueueAsync(byte[] frame, CancellationToken cancellationToken)
    {
        while (!_closing)
        {
            if (await _slots.WaitAsync(100, cancellationToken).ConfigureAwait(false))
            {
                if (!_out.Writer.TryWrite(frame))
                {
                    _slots.Release();
                }

                return;
            }
        }
    }

    /// <summary>Sends this last frame (an error) and closes the session, as Alpaca does after a session-ending error.</summary>
    public void EndWith(byte[] lastFrame)
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        // Bypass the slots: the error must reach the client even when the queue is full (407 slow client).
        _out.Writer.TryWrite(lastFrame);
        _out.Writer.TryComplete();
    }

    public void Abort()
    {
        _closing = true;
        _out.Writer.TryComplete();
        Socket.Abort();
    }

    public void Stall(TimeSpan duration, bool answerPings)
    {
        var until = _wall.GetUtcNow().Add(duration);
        if (!answerPings && _transport is not null)
        {
            // Freeze the connection itself: no data, and no pong to the client's pings either.
            _transport.PauseUntil(until);
            return;
        }

        _stallAnswersPings = answerPings;
        Interlocked.Exchange(ref _stallUntil, until.UtcTicks);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var send = SendLoopAsync(cts.Token);
        try
        {
            await OnOpenAsync().ConfigureAwait(false);
            await ReceiveLoopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away or the server stops.
        }
        finally
        {
            _closing = true;
            _out.Writer.TryComplete();
            await cts.CancelAsync().ConfigureAwait(false);
            try
            {
                await send.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
                // Already gone.
            }

            OnClosed();
        }
    }

    protected virtual Task OnOpenAsync() => Task.CompletedTask;

    protected abstract void OnMessage(ReadOnlySpan<byte> message);

    protected virtual void OnClosed()
    {
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[Settings.MaxMessageBytes];
        var length = 0;
        while (Socket.State == WebSocketState.Open)
        {
            await WaitWhileStalledAsync(forReceive: true, cancellationToken).ConfigureAwait(false);
            if (length >= buffer.Length)
            {
                // Oversized client message: refuse it and drop what is left of it.
                OnOversized();
                length = 0;
            }

            var result = await Socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (Socket.State == WebSocketState.CloseReceived)
                {
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            length += result.Count;
            if (!result.EndOfMessage)
            {
                continue;
            }

            OnMessage(buffer.AsSpan(0, length));
            length = 0;
        }
    }

    protected virtual void OnOversized()
    {
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var frame in _out.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await WaitWhileStalledAsync(forReceive: false, cancellationToken).ConfigureAwait(false);
            await Socket.SendAsync(frame, _frameType, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            FramesSent++;
            if (_slots.CurrentCount < Settings.QueueFrames)
            {
                _slots.Release();
            }
        }

        if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed by server", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                Socket.Abort();
            }
        }
    }

    private async Task WaitWhileStalledAsync(bool forReceive, CancellationToken cancellationToken)
    {
        while (true)
        {
            var until = Interlocked.Read(ref _stallUntil);
            var now = _wall.GetUtcNow().UtcTicks;
            if (until <= now || (forReceive && _stallAnswersPings))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromTicks(Math.Min(until - now, TimeSpan.TicksPerMillisecond * 50)), _wall, cancellationToken).ConfigureAwait(false);
        }
    }
}
