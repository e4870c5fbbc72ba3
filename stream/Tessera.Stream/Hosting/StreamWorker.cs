using System.Threading.Channels;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Rest;
using Tessera.Alpaca.Streaming;
using Tessera.Core.Regime.Hmm;
using Tessera.Core.Streaming;
using Tessera.Storage.Research;
using Tessera.Stream.Actions;
using Tessera.Stream.Engine;
using Tessera.Stream.Persistence;
using Tessera.Trading.Desk;
using Tessera.Trading.Events;
using Tessera.Trading.Orders;

namespace Tessera.Stream.Hosting;

/// <summary>What the worker runs on: the account's desk (order path), the broker's client options, settings, clocks.</summary>
public sealed record StreamWorkerParts(TradingDesk Desk, AlpacaClientOptions Client, StreamSettings Settings, DataFeed Feed)
{
    /// <summary>The WebSocket settings; the PONG timeout defaults to the heartbeat threshold (a round trip above it drops the connection).</summary>
    public StreamOptions? StreamOptions { get; init; }

    /// <summary>The clock ticks and status writes run on (the host's); receive times come from the desk's market time.</summary>
    public TimeProvider Wall { get; init; } = TimeProvider.System;
}

/// <summary>
/// The I/O shell around <see cref="StreamEngine"/>: connects the market data and trade update streams through the
/// Alpaca client, feeds every message, every trade update, every tick and every stop command into ONE channel read by
/// one loop (so the engine is never entered twice at once), subscribes to the symbols the engine asks for, writes the
/// status row, re-reads positions from the broker, and runs the order path's 10 s circuit-breaker poll. Start-up
/// reconciles before acting: stops are reloaded from Table storage, positions and order records are read from the
/// broker, and only then is the market data stream connected.
/// </summary>
public sealed class StreamWorker : IAsyncDisposable
{
    private readonly StreamWorkerParts _parts;
    private readonly Channel<Func<CancellationToken, Task>> _inputs = Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly AlpacaTradingClient _trading;
    private readonly StopStore _stops;
    private readonly StatusStore _status;
    private readonly TradeUpdateAdapter _adapter;
    private readonly List<Task> _loops = [];
    private AlpacaMarketDataStream? _marketData;
    private AlpacaTradeUpdatesStream? _tradeUpdates;
    private int _subscribedCount;
    private StreamServiceStatus? _lastStatus;

    // The fast-exit overlay's regime: the latest stored HMM model's label (-1: none), refreshed with the status.
    private int _regime = -1;

    private StreamWorker(StreamWorkerParts parts)
    {
        _parts = parts;
        _trading = new AlpacaTradingClient(parts.Client);
        _stops = new StopStore(parts.Desk.Parts.Tables);
        _status = new StatusStore(parts.Desk.Parts.Tables);
        _adapter = new TradeUpdateAdapter(parts.Desk.Orders, new OrderPoller(parts.Desk.Orders));
        Engine = new StreamEngine(parts.Settings, new DeskStreamActions(parts.Desk, _trading, _stops, () => _marketData?.AbortConnection()), parts.Desk.Events);
        Engine.LastBackoff = () => _marketData?.LastBackoff;
        Engine.RegimeSource = () => Volatile.Read(ref _regime) is var r and >= 0 ? (HmmRegime)r : null;
        // Live, receive times are on the broker-corrected clock so that receive minus event time is the lag; when lag is
        // not measured (replay, manual exchange clock) the heartbeat runs on the host's clock: liveness is real time.
        HeartbeatClock = parts.Settings.MeasureLag ? parts.Desk.Time : parts.Wall;
    }

    /// <summary>The clock of receive times, silence and clean reception.</summary>
    public TimeProvider HeartbeatClock { get; }

    public StreamEngine Engine { get; }

    public TradingDesk Desk => _parts.Desk;

    /// <summary>The latest status (refreshed by every status write; null before the first).</summary>
    public StreamServiceStatus Status => _lastStatus ?? Engine.Status(Desk.Time.GetUtcNow());

    /// <summary>Equity polls that ran, and the last one's outcome (for the status line).</summary>
    public int EquityPolls { get; private set; }

    public static async Task<StreamWorker> StartAsync(StreamWorkerParts parts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var worker = new StreamWorker(parts);
        try
        {
            await worker.ReconcileAsync(cancellationToken).ConfigureAwait(false);
            await worker.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await worker.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return worker;
    }

    /// <summary>Runs <paramref name="action"/> on the engine's loop (stop commands from HTTP or the CLI) and waits for it.</summary>
    public async Task<T> OnLoopAsync<T>(Func<StreamEngine, CancellationToken, Task<T>> action, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inputs.Writer.WriteAsync(
            async ct =>
            {
                try
                {
                    done.TrySetResult(await action(Engine, ct).ConfigureAwait(false));
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task ArmAsync(VirtualStop stop, CancellationToken cancellationToken = default) =>
        OnLoopAsync(async (e, ct) =>
        {
            await e.ArmAsync(stop, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _inputs.Writer.TryComplete();
        if (_marketData is not null)
        {
            await _marketData.DisposeAsync().ConfigureAwait(false);
        }

        if (_tradeUpdates is not null)
        {
            await _tradeUpdates.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _trading.Dispose();
        _stop.Dispose();
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await RefreshRegimeAsync(cancellationToken).ConfigureAwait(false);
        await _stops.EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await _status.EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await Desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        // Orders a killed process left APPROVED or SUBMISSION_UNKNOWN are resolved against the broker first.
        await new OrderPoller(Desk.Orders).PollOnceAsync(cancellationToken).ConfigureAwait(false);
        await RefreshPositionsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var stop in await _stops.LoadAsync(Desk.AccountId, cancellationToken).ConfigureAwait(false))
        {
            Engine.Restore(stop);
        }

        foreach (var symbol in _parts.Settings.WatchedSymbols)
        {
            Engine.Watch(symbol);
        }

        await Engine.OnTickAsync(HeartbeatClock.GetUtcNow(), Desk.Time.GetUtcNow(), refreshSwitches: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task RefreshPositionsAsync(CancellationToken cancellationToken)
    {
        var positions = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var p in await Desk.Broker.GetPositionsAsync(cancellationToken).ConfigureAwait(false))
        {
            positions[p.Instrument.Symbol] = p.Quantity;
            if (p.MarketPrice is { } price)
            {
                Engine.Sanity.SeedReference(p.Instrument.Symbol, price);
            }
        }

        Engine.ReplacePositions(positions);
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var options = _parts.StreamOptions ?? new StreamOptions
        {
            PongTimeout = _parts.Settings.Heartbeat.Threshold,
            PingInterval = TimeSpan.FromSeconds(5),
            JitterSeed = _parts.Settings.JitterSeed,
        };
        _marketData = new AlpacaMarketDataStream(_parts.Client, _parts.Feed, options);
        _tradeUpdates = new AlpacaTradeUpdatesStream(_parts.Client, options);
        await _marketData.SubscribeAsync(Wanted(Engine.Subscribed), cancellationToken).ConfigureAwait(false);
        _subscribedCount = Engine.Subscribed.Count;
        var token = _stop.Token;
        _loops.Add(Task.Run(() => ConsumeAsync(token), CancellationToken.None));
        _loops.Add(Task.Run(() => ReadMarketDataAsync(_marketData, token), CancellationToken.None));
        _loops.Add(Task.Run(() => ReadTradeUpdatesAsync(_tradeUpdates, token), CancellationToken.None));
        await _tradeUpdates.StartAsync(cancellationToken).ConfigureAwait(false);
        await _marketData.StartAsync(cancellationToken).ConfigureAwait(false);
        _loops.Add(Task.Run(() => TickAsync(token), CancellationToken.None));
        _loops.Add(Task.Run(() => HousekeepingAsync(token), CancellationToken.None));
        _loops.Add(Task.Run(() => EquityPollAsync(token), CancellationToken.None));
    }

    private static SubscriptionSet Wanted(IEnumerable<string> symbols)
    {
        var list = symbols.Order(StringComparer.Ordinal).ToArray();
        return new SubscriptionSet { Trades = list, Bars = list };
    }

    private async Task ReadMarketDataAsync(AlpacaMarketDataStream stream, CancellationToken token)
    {
        try
        {
            await foreach (var message in stream.Messages.ReadAllAsync(token).ConfigureAwait(false))
            {
                var received = HeartbeatClock.GetUtcNow();
                await _inputs.Writer.WriteAsync(ct => Engine.OnMarketDataAsync(message, received, ct), token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        catch (AlpacaStreamException)
        {
            // The stream gave up (fatal code): the GaveUp lifecycle already reached the engine.
        }
    }

    private async Task ReadTradeUpdatesAsync(AlpacaTradeUpdatesStream stream, CancellationToken token)
    {
        try
        {
            await foreach (var message in stream.Messages.ReadAllAsync(token).ConfigureAwait(false))
            {
                await _inputs.Writer.WriteAsync(
                    async ct =>
                    {
                        if (message is TradeUpdateMessage { Update: var update })
                        {
                            Engine.OnTradeUpdate(update);
                        }

                        await _adapter.HandleAsync(message, ct).ConfigureAwait(false);
                    },
                    token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        catch (AlpacaStreamException)
        {
            // gave up: positions are still re-read every status interval
        }
    }

    private async Task ConsumeAsync(CancellationToken token)
    {
        try
        {
            await foreach (var input in _inputs.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                try
                {
                    await input(token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One failed action (a storage blip, a broker error) must never stop the loop that watches the stops.
                    Desk.Events.Publish(new TradingEvent(EventCodes.StreamLoopError, EventLevel.Error, "stream loop: " + e.GetType().Name + ": " + e.Message, new Dictionary<string, object?>(StringComparer.Ordinal)));
                }

                if (Engine.Subscribed.Count != _subscribedCount && _marketData is { } md)
                {
                    _subscribedCount = Engine.Subscribed.Count;
                    await md.SubscribeAsync(Wanted(Engine.Subscribed), token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task TickAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(_parts.Settings.TickInterval, _parts.Wall);
        var ticks = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                // The halt flag is re-read every second (20 ticks), not on every 50 ms tick.
                var refresh = ticks++ % 20 == 0;
                var now = HeartbeatClock.GetUtcNow();
                var market = Desk.Time.GetUtcNow();
                await _inputs.Writer.WriteAsync(ct => Engine.OnTickAsync(now, market, refresh, ct), token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>
    /// The regime source of the fast-exit overlay: the latest HMM model the scheduled refit stored for the overlay's
    /// symbol (research/hmm_models/, `tessera regime fit`). No model (or an unreadable one): unknown, and the overlay
    /// stays quiet rather than guess.
    /// </summary>
    private async Task RefreshRegimeAsync(CancellationToken cancellationToken)
    {
        if (!_parts.Settings.FastExit.Enabled)
        {
            return;
        }

        int regime;
        try
        {
            var latest = await new HmmModelStore(Desk.Parts.Blobs).LatestAsync(_parts.Settings.FastExit.Symbol, cancellationToken).ConfigureAwait(false);
            regime = latest is { } l ? (int)l.Model.RegimeLabel : -1;
        }
        catch (Exception e) when (e is Tessera.Storage.Errors.StorageNotFoundException or Tessera.Core.Errors.TesseraValidationException)
        {
            regime = -1;
        }

        Volatile.Write(ref _regime, regime);
    }

    private async Task HousekeepingAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(_parts.Settings.StatusInterval, _parts.Wall);
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                try
                {
                    await Desk.ClockAsync(token).ConfigureAwait(false);
                    await RefreshRegimeAsync(token).ConfigureAwait(false);
                    await OnLoopAsync(async (e, ct) =>
                    {
                        await RefreshPositionsAsync(ct).ConfigureAwait(false);
                        return true;
                    }, token).ConfigureAwait(false);
                    var status = await OnLoopAsync((e, _) => Task.FromResult(e.Status(Desk.Time.GetUtcNow())), token).ConfigureAwait(false);
                    _lastStatus = status;
                    await _status.WriteAsync(Desk.AccountId, status, token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Desk.Events.Publish(new TradingEvent(EventCodes.StreamLoopError, EventLevel.Error, "stream housekeeping: " + e.GetType().Name + ": " + e.Message, new Dictionary<string, object?>(StringComparer.Ordinal)));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task EquityPollAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(_parts.Settings.EquityPollInterval, _parts.Wall);
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                try
                {
                    await Desk.EquityPoll.TickAsync(Desk.Stamp("stream-equity-poll"), token).ConfigureAwait(false);
                    EquityPolls++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Desk.Events.Publish(new TradingEvent(EventCodes.StreamLoopError, EventLevel.Error, "circuit-breaker poll: " + e.GetType().Name + ": " + e.Message, new Dictionary<string, object?>(StringComparer.Ordinal)));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}
