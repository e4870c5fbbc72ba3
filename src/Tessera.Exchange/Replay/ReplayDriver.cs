using Tessera.Core.Markets;
using Tessera.Exchange.Market;
using Tessera.Exchange.Streaming;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;

namespace Tessera.Exchange.Replay;

/// <summary>
/// Moves the market forward: on the scaled clock it wakes when the next tape event is due (at most every 50 ms, so
/// bars and the calendar advance on an empty tape too); as fast as possible it replays batch after batch. Market
/// events go to the market data hub after each step, outside the venue's lock.
/// </summary>
public sealed class ReplayDriver : IAsyncDisposable
{
    private readonly Venue _venue;
    private readonly MarketDataHub _hub;
    private readonly int _batch;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    public ReplayDriver(Venue venue, MarketDataHub hub, int batch, bool paused)
    {
        _venue = venue;
        _hub = hub;
        _batch = batch;
        if (!paused)
        {
            _released.TrySetResult();
        }
    }

    /// <summary>Completes when an as-fast-as-possible replay reached the end of the tape.</summary>
    public Task Finished => _finished.Task;

    public long EventsPublished { get; private set; }

    public void Start() => _loop = Task.Run(RunAsync);

    public void Release() => _released.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _released.TrySetResult();
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        await _released.Task.WaitAsync(token).ConfigureAwait(false);
        var events = new List<MarketEvent>(16_384);
        var clock = _venue.Clock;
        while (!token.IsCancellationRequested)
        {
            events.Clear();
            if (clock.Mode == ClockMode.AsFastAsPossible)
            {
                var n = _venue.AdvanceEvents(_batch, events);
                await PublishAsync(events, token).ConfigureAwait(false);
                if (n == 0)
                {
                    _finished.TrySetResult();
                    await Task.Delay(50, token).ConfigureAwait(false);
                }

                continue;
            }

            _venue.AdvanceTo(clock.Now, events);
            await PublishAsync(events, token).ConfigureAwait(false);
            var next = _venue.NextTapeTime;
            var wait = next is { } t ? clock.WallDelayUntil(t) : TimeSpan.FromMilliseconds(50);
            if (next is null)
            {
                _finished.TrySetResult();
            }

            wait = wait > TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait;
            await Task.Delay(wait, token).ConfigureAwait(false);
        }
    }

    private async ValueTask PublishAsync(List<MarketEvent> events, CancellationToken token)
    {
        if (events.Count == 0)
        {
            return;
        }

        EventsPublished += events.Count;
        await _hub.PublishAsync(events, token).ConfigureAwait(false);
    }
}
