using Tessera.Core.Streaming;
using Tessera.Stream.Engine;
using Tessera.Trading.Events;

namespace Tessera.Stream.Tests.Support;

/// <summary>The engine's side effects, recorded; exits are submitted unless <see cref="Veto"/> is set.</summary>
internal sealed class RecordingActions : IStreamActions
{
    public List<HeartbeatBreach> Flattens { get; } = [];

    public List<StopExit> Exits { get; } = [];

    public List<FastExitTrigger> FastExits { get; } = [];

    public List<(string Id, bool Armed)> Persisted { get; } = [];

    public int Drops { get; private set; }

    public bool Stopped { get; set; }

    public string? Veto { get; set; }

    public Task<FlattenResult> FlattenAsync(HeartbeatBreach breach, CancellationToken cancellationToken)
    {
        Flattens.Add(breach);
        return Task.FromResult(new FlattenResult(0, 0, 0, []));
    }

    public Task<FlattenResult> FastExitAsync(FastExitTrigger trigger, CancellationToken cancellationToken)
    {
        FastExits.Add(trigger);
        return Task.FromResult(new FlattenResult(0, 0, 1, []));
    }

    public Task<StopExitResult> ExitAsync(StopExit exit, CancellationToken cancellationToken)
    {
        Exits.Add(exit);
        return Task.FromResult(Veto is null ? new StopExitResult(true, "coid-" + Exits.Count, null, "Submitted") : new StopExitResult(false, null, Veto, "vetoed"));
    }

    public Task<bool> TradingStoppedAsync(CancellationToken cancellationToken) => Task.FromResult(Stopped);

    public void DropConnection() => Drops++;

    public Task PersistStopAsync(VirtualStop stop, bool armed, CancellationToken cancellationToken)
    {
        Persisted.Add((stop.Id, armed));
        return Task.CompletedTask;
    }
}

/// <summary>Events, recorded; thread-safe (the worker publishes from its loop and its timers).</summary>
internal sealed class RecordingEvents : ITradingEventPublisher
{
    private readonly Lock _gate = new();
    private readonly List<TradingEvent> _events = [];

    public IReadOnlyList<TradingEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void Publish(TradingEvent tradingEvent)
    {
        lock (_gate)
        {
            _events.Add(tradingEvent);
        }
    }

    public int Count(string code) => Events.Count(e => e.Code == code);
}
