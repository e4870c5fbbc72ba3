using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Tessera.Core.Streaming;

namespace Tessera.Alpaca.Streaming;

/// <summary>
/// One logical stream over as many WebSocket connections as it takes: connects, runs the subclass's handshake,
/// delivers messages to <see cref="Messages"/>, and on any drop (close, error, missing PONG, stale data, an error
/// frame) reconnects with exponential backoff and jitter, re-running the handshake (auth, then resubscribe/listen).
/// Lifecycle messages (<see cref="StreamLifecycle"/>) tell the consumer about gaps so it can resynchronize.
/// Fatal errors (wrong keys, no subscription for the feed) end the stream instead of looping.
/// </summary>
public abstract class ResilientStream<TMessage> : IAsyncDisposable
    where TMessage : class
{
    private readonly Uri _endpoint;
    private readonly Channel<TMessage> _channel;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly ReconnectionSchedule _schedule;
    private readonly Func<Uri, ClientWebSocket>? _socketFactory;
    private TaskCompletionSource _firstSession = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClientWebSocket? _socket;
    private Task? _loop;
    private volatile bool _authenticated;

    protected ResilientStream(Uri endpoint, StreamOptions options, Func<Uri, ClientWebSocket>? socketFactory = null)
    {
        _endpoint = endpoint;
        Options = options;
        _socketFactory = socketFactory;
        _schedule = new ReconnectionSchedule(options.BackoffBase, options.BackoffMax, options.ConnectionLimitBackoff, options.JitterSeed);
        _channel = Channel.CreateBounded<TMessage>(new BoundedChannelOptions(options.ChannelCapacity)
        {
            SingleWriter = true,
            SingleReader = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public StreamOptions Options { get; }

    /// <summary>Every message in arrival order, lifecycle messages included. Completes when the stream stops or gives up.</summary>
    public ChannelReader<TMessage> Messages => _channel.Reader;

    /// <summary>Successful reconnects since start.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Duplicated messages dropped (by trade id, or order event).</summary>
    public long DuplicatesDropped { get; protected set; }

    public bool IsAuthenticated => _authenticated;

    /// <summary>The wait before the reconnect attempt announced by the latest Disconnected message (null before any drop).</summary>
    public TimeSpan? LastBackoff { get; private set; }

    /// <summary>Set when the stream gave up (fatal error or too many failed reconnects).</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Connects and authenticates once; then keeps the stream alive in the background until disposed.</summary>
    /// <exception cref="AlpacaStreamException">the server refused the session, or the first connection failed.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("the stream is already started");
        }

        _loop = Task.Run(RunAsync, CancellationToken.None);
        await _firstSession.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Abort();
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _stop.Dispose();
        _sendLock.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frames to send right after the socket opens (the trade stream authenticates at once).</summary>
    protected abstract IEnumerable<byte[]> OnOpened();

    /// <summary>Parses one frame; reports handshake progress and data through <paramref name="session"/>.</summary>
    protected abstract void OnFrame(ReadOnlySpan<byte> frame, StreamSession session);

    /// <summary>Sends a frame on the current connection if it is authenticated (false when there is none: it is replayed by the next handshake).</summary>
    protected async Task<bool> SendIfConnectedAsync(byte[] frame, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (socket is null || !_authenticated || socket.State != WebSocketState.Open)
        {
            return false;
        }

        await SendAsync(socket, frame, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>For tests and fault drills: drop the current connection as a network failure would.</summary>
    public void AbortConnection() => _socket?.Abort();

    private async Task RunAsync()
    {
        var failures = 0;
        var everConnected = false;
        var stopToken = _stop.Token;
        while (!stopToken.IsCancellationRequested)
        {
            var outcome = await RunSessionAsync(everConnected, failures, stopToken).ConfigureAwait(false);
            _authenticated = false;
            if (stopToken.IsCancellationRequested)
            {
                break;
            }

            if (outcome.Authenticated)
            {
                everConnected = true;
                failures = 0;
            }

            if (outcome.Fatal is { } fatal || (!everConnected && outcome.Error is not null))
            {
                var error = outcome.Fatal ?? outcome.Error!;
                Failure = error;
                _firstSession.TrySetException(error);
                // Never block on a consumer that stopped reading: the end of the stream is also signalled by completion.
                _channel.Writer.TryWrite(Lifecycle(StreamLifecycleEvent.GaveUp, failures, error.Message));
                break;
            }

            failures++;
            if (Options.MaxReconnectAttempts is { } max && failures > max)
            {
                Failure = new AlpacaStreamException(StreamErrorCode.Unknown, 0, $"gave up after {max} failed reconnects: {outcome.Reason}");
                _channel.Writer.TryWrite(Lifecycle(StreamLifecycleEvent.GaveUp, failures, outcome.Reason));
                break;
            }

            var backoff = _schedule.Next(failures, outcome.ConnectionLimited);
            LastBackoff = backoff;
            await PublishAsync(Lifecycle(StreamLifecycleEvent.Disconnected, failures, outcome.Reason), stopToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(backoff, Options.TimeProvider, stopToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _firstSession.TrySetException(new OperationCanceledException("stream stopped"));
        _channel.Writer.TryComplete(Failure);
    }

    private async Task<SessionOutcome> RunSessionAsync(bool reconnecting, int attempt, CancellationToken stopToken)
    {
        var socket = _socketFactory?.Invoke(_endpoint) ?? new ClientWebSocket();
        socket.Options.KeepAliveInterval = Options.PingInterval;
        socket.Options.KeepAliveTimeout = Options.PongTimeout;
        _socket = socket;
        var session = new StreamSession();
        var authenticated = false;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using (var connectCts = CancellationTokenSource.CreateLinkedTokenSource(stopToken))
            {
                connectCts.CancelAfter(Options.HandshakeTimeout);
                await socket.ConnectAsync(_endpoint, connectCts.Token).ConfigureAwait(false);
            }

            await PublishAsync(Lifecycle(StreamLifecycleEvent.Connected, attempt, null), stopToken).ConfigureAwait(false);
            foreach (var frame in OnOpened())
            {
                await SendAsync(socket, frame, stopToken).ConfigureAwait(false);
            }

            using var watchdog = new CancellationTokenSource(Timeout.InfiniteTimeSpan, Options.TimeProvider);
            using var receiveCts = CancellationTokenSource.CreateLinkedTokenSource(stopToken, watchdog.Token);
            watchdog.CancelAfter(Options.HandshakeTimeout);
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                ValueWebSocketReceiveResult result;
                try
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), receiveCts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stopToken.IsCancellationRequested)
                {
                    return new SessionOutcome(authenticated, authenticated ? "no data within the staleness timeout" : "handshake timed out", null, null, false);
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return session.Outcome(authenticated, $"closed by server ({socket.CloseStatus} {socket.CloseStatusDescription})");
                }

                length += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }

                session.Reset();
                OnFrame(buffer.AsSpan(0, length), session);
                length = 0;
                if (session.JustAuthenticated && !authenticated)
                {
                    authenticated = true;
                    _authenticated = true;
                    await PublishAsync(Lifecycle(StreamLifecycleEvent.Authenticated, attempt, null), stopToken).ConfigureAwait(false);
                    if (reconnecting)
                    {
                        Reconnects++;
                        await PublishAsync(Lifecycle(StreamLifecycleEvent.Reconnected, attempt, null), stopToken).ConfigureAwait(false);
                    }

                    _firstSession.TrySetResult();
                }

                foreach (var frame in session.ToSend)
                {
                    await SendAsync(socket, frame, stopToken).ConfigureAwait(false);
                }

                foreach (var message in session.Published)
                {
                    await PublishAsync((TMessage)message, stopToken).ConfigureAwait(false);
                }

                if (session.Ended)
                {
                    socket.Abort();
                    return session.Outcome(authenticated, "error frame");
                }

                // Any frame proves the stream is alive; before auth the handshake timeout still applies.
                if (authenticated)
                {
                    if (Options.StalenessTimeout is { } stale)
                    {
                        watchdog.CancelAfter(stale);
                    }
                    else
                    {
                        watchdog.CancelAfter(Timeout.InfiniteTimeSpan);
                    }
                }
            }
        }
        // ObjectDisposedException: DisposeAsync aborted the socket while a receive was starting (a stop, or a dead socket: reconnect).
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or System.Net.Http.HttpRequestException or ObjectDisposedException)
        {
            if (stopToken.IsCancellationRequested)
            {
                return new SessionOutcome(authenticated, "stopped", null, null, false);
            }

            return session.Outcome(authenticated, ex.GetType().Name + ": " + ex.Message, new AlpacaStreamException("connection failed: " + ex.Message, ex));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            socket.Abort();
            socket.Dispose();
        }
    }

    private async Task SendAsync(ClientWebSocket socket, byte[] frame, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private ValueTask PublishAsync(TMessage message, CancellationToken cancellationToken) =>
        _channel.Writer.TryWrite(message) ? ValueTask.CompletedTask : _channel.Writer.WriteAsync(message, cancellationToken);

    protected abstract TMessage Lifecycle(StreamLifecycleEvent lifecycle, int attempt, string? detail);

    /// <summary>What a frame did to the session: authenticated it, ended it with an error code, messages and replies.</summary>
    protected sealed class StreamSession
    {
        public List<object> Published { get; } = [];

        public List<byte[]> ToSend { get; } = [];

        public bool JustAuthenticated { get; private set; }

        public bool Ended { get; private set; }

        public StreamErrorCode EndCode { get; private set; }

        public string EndMessage { get; private set; } = string.Empty;

        public int EndRawCode { get; private set; }

        public void Authenticated() => JustAuthenticated = true;

        public void Publish(object message) => Published.Add(message);

        public void Send(byte[] frame) => ToSend.Add(frame);

        /// <summary>The server said the session is over (an error frame that closes it).</summary>
        public void End(StreamErrorCode code, int rawCode, string message)
        {
            Ended = true;
            EndCode = code;
            EndRawCode = rawCode;
            EndMessage = message;
        }

        internal void Reset()
        {
            Published.Clear();
            ToSend.Clear();
            JustAuthenticated = false;
        }

        internal SessionOutcome Outcome(bool authenticated, string reason, Exception? error = null)
        {
            if (Ended)
            {
                var ex = new AlpacaStreamException(EndCode, EndRawCode, EndMessage);
                return new SessionOutcome(authenticated, $"error {EndRawCode}: {EndMessage}", StreamErrorCodes.IsFatal(EndCode) ? ex : null, ex, EndCode == StreamErrorCode.ConnectionLimitExceeded);
            }

            return new SessionOutcome(authenticated, reason, null, error, false);
        }
    }

    internal readonly record struct SessionOutcome(bool Authenticated, string Reason, Exception? Fatal, Exception? Error, bool ConnectionLimited);
}
