using Tessera.Alpaca.Model;
using Tessera.Alpaca.Streaming;
using Tessera.Core.Streaming;
using Tessera.Stream.Engine;

namespace Tessera.Stream.Tests.Support;

/// <summary>An engine with recording actions on a virtual clock (2024-03-13, a Wednesday, 10:30 New York = 14:30 UTC).</summary>
internal sealed class EngineDriver
{
    public static readonly DateTimeOffset Open = new(2024, 3, 13, 14, 30, 0, TimeSpan.Zero);
    private long _tradeId;

    public EngineDriver(StreamSettings? settings = null)
    {
        Settings = settings ?? new StreamSettings { Heartbeat = new HeartbeatSettings(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)) };
        Engine = new StreamEngine(Settings, Actions, Events);
    }

    public StreamSettings Settings { get; }

    public RecordingActions Actions { get; } = new();

    public RecordingEvents Events { get; } = new();

    public StreamEngine Engine { get; }

    public Task ConnectAsync(DateTimeOffset at, bool reconnect = false) => reconnect
        ? Lifecycle(StreamLifecycleEvent.Authenticated, at).ContinueWith(_ => Lifecycle(StreamLifecycleEvent.Reconnected, at), TaskScheduler.Default).Unwrap()
        : Lifecycle(StreamLifecycleEvent.Authenticated, at);

    public Task Lifecycle(StreamLifecycleEvent e, DateTimeOffset at) => Engine.OnMarketDataAsync(new StreamLifecycle(e, 1, "test"), at, CancellationToken.None);

    /// <summary>A trade stamped <paramref name="eventTime"/> (default: received at once).</summary>
    public Task TradeAsync(string symbol, decimal price, DateTimeOffset receivedAt, DateTimeOffset? eventTime = null, decimal size = 100m) =>
        Engine.OnMarketDataAsync(new StreamTrade(new Trade { Symbol = symbol, Price = price, Size = size, Timestamp = eventTime ?? receivedAt, Id = ++_tradeId }), receivedAt, CancellationToken.None);

    public Task TickAsync(DateTimeOffset now, bool refresh = false) => Engine.OnTickAsync(now, refresh, CancellationToken.None);

    public Task ArmAsync(string id, string symbol, decimal stop, decimal qty, Core.Side protects = Core.Side.Long) =>
        Engine.ArmAsync(new VirtualStop(id, symbol, protects, stop, qty), CancellationToken.None);
}
