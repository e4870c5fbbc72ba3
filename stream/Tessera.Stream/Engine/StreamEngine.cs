using Tessera.Core.Telemetry;
using System.Globalization;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Streaming;
using Tessera.Core;
using Tessera.Core.Markets;
using Tessera.Core.Regime;
using Tessera.Core.Regime.Hmm;
using Tessera.Core.Streaming;
using Tessera.Trading.Events;

namespace Tessera.Stream.Engine;

/// <summary>
/// The stream service's logic over the pure machines (Core/Streaming): heartbeat, safety mode, stop book, trade sanity.
/// Every input comes through one of three calls (a market data message, a trade update, a tick) with its time, and
/// the caller serializes them (one consumer loop), so a trade sees a stop before or after a move, never during one.
/// Side effects go through <see cref="IStreamActions"/> (the order path). Order of work on a trade: heartbeat (lag),
/// safety mode (a message after a reconnection clears it), the sanity gate (skipped trades never reach the book), then
/// the stop book, only in the regular session and only while neither the halt flag nor the kill switch is set.
/// Exits found while submissions are disabled (safety mode recovering) wait in the signal queue; those older than
/// 30 s when submissions come back are flushed.
/// </summary>
public sealed class StreamEngine
{
    private readonly StreamSettings _settings;
    private readonly IStreamActions _actions;
    private readonly ITradingEventPublisher _events;
    private readonly HeartbeatMonitor _heartbeat;
    private readonly SafetyModeMachine _safety;
    private readonly SignalQueue<StopExit> _queue;
    private readonly Dictionary<string, decimal> _positions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);
    private readonly List<StopTrigger> _fired = [];
    private bool _tradingStopped;
    private readonly BarCloseWindow? _fastExitBars;
    private readonly FastExitOverlay? _fastExit;
    private readonly double[] _fastExitCloses;
    private bool _fastExitLatched;

    public StreamEngine(StreamSettings settings, IStreamActions actions, ITradingEventPublisher events)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _actions = actions ?? throw new ArgumentNullException(nameof(actions));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _heartbeat = new HeartbeatMonitor(settings.Heartbeat);
        _safety = new SafetyModeMachine(settings.Safety);
        _queue = new SignalQueue<StopExit>(settings.Safety.MaxSignalAge);
        _fastExitCloses = new double[settings.FastExit.LookbackBars];
        if (settings.FastExit.Enabled)
        {
            _fastExit = new FastExitOverlay(settings.FastExit.SlopeThreshold, settings.FastExit.LookbackBars);
            _fastExitBars = new BarCloseWindow(settings.FastExit.BarLength, settings.FastExit.LookbackBars);
            _subscribed.Add(settings.FastExit.Symbol);
        }
    }

    /// <summary>The regime the fast-exit overlay compares with (null: unknown, the overlay stays quiet).</summary>
    public Func<HmmRegime?> RegimeSource { get; set; } = static () => null;

    public VirtualStopBook Stops { get; } = new();

    public TradeSanity Sanity { get; } = TradeSanity.CreateDefault();

    public StreamCounters Counters { get; } = new();

    public HeartbeatMonitor Heartbeat => _heartbeat;

    public SafetyModeMachine Safety => _safety;

    /// <summary>The symbols the market data subscription should hold: positions, armed stops, watched symbols.</summary>
    public IReadOnlyCollection<string> Subscribed => _subscribed;

    /// <summary>Time of the latest backoff the client announced (for WS_RECONNECT_ATTEMPT).</summary>
    public Func<TimeSpan?> LastBackoff { get; set; } = static () => null;

    public decimal PositionOf(string symbol) => _positions.TryGetValue(symbol, out var q) ? q : 0m;

    /// <summary>Sets a position (from the broker at start and on each re-read, or from a fill's position_qty). Returns true when the subscription set grew.</summary>
    public bool SetPosition(string symbol, decimal quantity)
    {
        if (quantity == 0)
        {
            _positions.Remove(symbol);
        }
        else
        {
            _positions[symbol] = quantity;
        }

        return _subscribed.Add(symbol);
    }

    /// <summary>Replaces every position with the broker's list (reconciliation).</summary>
    public void ReplacePositions(IReadOnlyDictionary<string, decimal> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        _positions.Clear();
        foreach (var (symbol, q) in positions)
        {
            SetPosition(symbol, q);
        }
    }

    public void Watch(string symbol) => _subscribed.Add(symbol);

    /// <summary>Arms a stop (validated by the book; a duplicate id is a typed error) and persists it.</summary>
    public async Task ArmAsync(VirtualStop stop, CancellationToken cancellationToken)
    {
        Stops.Arm(stop);
        _subscribed.Add(stop.Symbol);
        await _actions.PersistStopAsync(stop, armed: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads a persisted stop at start without writing it back.</summary>
    public void Restore(VirtualStop stop)
    {
        Stops.Arm(stop);
        _subscribed.Add(stop.Symbol);
    }

    public async Task<bool> MoveAsync(string id, decimal price, CancellationToken cancellationToken)
    {
        if (!Stops.Move(id, price))
        {
            return false;
        }

        await _actions.PersistStopAsync(Stops.Find(id)!, armed: true, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> DisarmAsync(string id, CancellationToken cancellationToken)
    {
        var stop = Stops.Find(id);
        if (stop is null || !Stops.Disarm(id))
        {
            return false;
        }

        await _actions.PersistStopAsync(stop, armed: false, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task OnMarketDataAsync(MarketDataMessage message, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case StreamLifecycle lifecycle:
                await OnLifecycleAsync(lifecycle, receivedAt, cancellationToken).ConfigureAwait(false);
                return;
            case StreamTrade { Trade: var trade }:
                Counters.Messages++;
                Counters.Trades++;
                if (!await AliveAsync(receivedAt, trade.Timestamp, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                await OnTradeAsync(trade, receivedAt, cancellationToken).ConfigureAwait(false);
                return;
            case StreamQuote { Quote: var quote }:
                Counters.Messages++;
                await AliveAsync(receivedAt, quote.Timestamp, cancellationToken).ConfigureAwait(false);
                return;
            case StreamBar { Bar: var bar, Kind: StreamBarKind.Minute }:
                Counters.Messages++;
                // A minute bar is stamped with the START of its minute: its lag is measured from the minute's end.
                await AliveAsync(receivedAt, bar.Timestamp.AddMinutes(1), cancellationToken).ConfigureAwait(false);
                return;
            case StreamSubscription:
                Counters.Messages++;
                Counters.SubscriptionAcks++;
                await AliveAsync(receivedAt, null, cancellationToken).ConfigureAwait(false);
                return;
            case StreamError error:
                Counters.ErrorFrames++;
                if (error.Code == StreamErrorCode.Unknown)
                {
                    Counters.Malformed++;
                }

                return;
            default:
                // Statuses, LULD, corrections, subscription acks, daily and updated bars: alive, no lag measured.
                Counters.Messages++;
                await AliveAsync(receivedAt, null, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>A trade update: the fill's position_qty is the broker's position after it.</summary>
    public void OnTradeUpdate(TradeUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.PositionQty is { } q && update.Order.Symbol is { Length: > 0 } symbol && update.Event is TradeEvent.Fill or TradeEvent.PartialFill)
        {
            SetPosition(symbol, q);
        }
    }

    /// <summary>The periodic tick on the heartbeat clock: silence watchdog (the market's session at <paramref name="marketNow"/>), the clean-reception clock, and the halt flag.</summary>
    public Task OnTickAsync(DateTimeOffset now, bool refreshSwitches, CancellationToken cancellationToken) => OnTickAsync(now, now, refreshSwitches, cancellationToken);

    /// <summary>
    /// The tick when the heartbeat clock (<paramref name="now"/>: receive times, silence, clean reception) is not the
    /// market's clock (<paramref name="marketNow"/>: is the session open?), as in a replay or on a manually moved exchange.
    /// </summary>
    public async Task OnTickAsync(DateTimeOffset now, DateTimeOffset marketNow, bool refreshSwitches, CancellationToken cancellationToken)
    {
        if (refreshSwitches)
        {
            _tradingStopped = await _actions.TradingStoppedAsync(cancellationToken).ConfigureAwait(false);
        }

        var session = NyseCalendar.SessionAt(marketNow);
        var watching = session is not null && session.IsRegular(marketNow) && _subscribed.Count > 0;
        if (_heartbeat.Check(now, watching) is { } breach)
        {
            await BreachAsync(breach, cancellationToken).ConfigureAwait(false);
        }

        await AdvanceSafetyAsync(_safety.Advance(now), now, cancellationToken).ConfigureAwait(false);
    }

    public StreamServiceStatus Status(DateTimeOffset now) => new(
        now,
        _heartbeat.State,
        _heartbeat.LastLag.TotalMilliseconds,
        _heartbeat.LastMessageAt,
        _safety.State,
        _safety.SubmissionsAllowed,
        _tradingStopped,
        _subscribed.Count,
        Stops.Count,
        Counters.Messages,
        Counters.Reconnects,
        Counters.Breaches,
        Counters.SafetyActivations,
        Counters.StopsFired,
        Counters.SkippedTotal);

    private async Task OnLifecycleAsync(StreamLifecycle lifecycle, DateTimeOffset at, CancellationToken cancellationToken)
    {
        switch (lifecycle.Event)
        {
            case StreamLifecycleEvent.Authenticated:
                _heartbeat.Connected(at);
                break;
            case StreamLifecycleEvent.Reconnected:
                Counters.Reconnects++;
                using (var span = TesseraTelemetry.Source.StartActivity("stream.reconnect"))
                {
                    span?.SetTag("tessera.attempt", lifecycle.Attempt);
                }

                TesseraTelemetry.StreamReconnects.Add(1);
                _safety.Reconnected();
                _events.Publish(new TradingEvent(EventCodes.WsReconnectSuccess, EventLevel.Info, "market data stream reconnected (attempt " + N(lifecycle.Attempt) + "); backoff reset to base", new Dictionary<string, object?>(StringComparer.Ordinal) { ["attempt"] = lifecycle.Attempt }));
                break;
            case StreamLifecycleEvent.Disconnected:
                Counters.Disconnects++;
                if (_heartbeat.ConnectionLost(at, lifecycle.Detail ?? "dropped") is { } breach)
                {
                    await BreachAsync(breach, cancellationToken).ConfigureAwait(false);
                }

                var backoff = LastBackoff();
                _events.Publish(new TradingEvent(EventCodes.WsReconnectAttempt, EventLevel.Warning, "market data stream dropped (" + (lifecycle.Detail ?? "no detail") + "); reconnect attempt " + N(lifecycle.Attempt), new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["attempt"] = lifecycle.Attempt,
                    ["backoff_s"] = backoff?.TotalSeconds,
                }));
                break;
            case StreamLifecycleEvent.GaveUp:
                if (_heartbeat.ConnectionLost(at, "gave up: " + lifecycle.Detail) is { } gaveUp)
                {
                    await BreachAsync(gaveUp, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    /// <summary>Feeds the heartbeat and the safety machine; false when this message breached the heartbeat (it is then not acted on).</summary>
    private async Task<bool> AliveAsync(DateTimeOffset receivedAt, DateTimeOffset? eventTime, CancellationToken cancellationToken)
    {
        if (_heartbeat.Message(receivedAt, _settings.MeasureLag ? eventTime : null) is { } breach)
        {
            await BreachAsync(breach, cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (_settings.MeasureLag && eventTime is { } stamped)
        {
            TesseraTelemetry.StreamLag.Record((receivedAt - stamped).TotalMilliseconds);
        }

        await AdvanceSafetyAsync(_safety.Message(receivedAt), receivedAt, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task OnTradeAsync(Trade trade, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var symbol = trade.Symbol;
        if (string.IsNullOrEmpty(symbol))
        {
            Counters.Malformed++;
            return;
        }

        switch (Sanity.Check(symbol, trade.Price, trade.Size, trade.Timestamp, receivedAt, out var price))
        {
            case TradeVerdict.Accepted:
                break;
            case TradeVerdict.NotPositive:
                Counters.TradesSkippedNotPositive++;
                return;
            case TradeVerdict.AbsurdPrice:
                Counters.TradesSkippedAbsurd++;
                return;
            default:
                Counters.TradesSkippedFuture++;
                return;
        }

        var session = NyseCalendar.SessionAt(trade.Timestamp);
        if (session is null || !session.IsRegular(trade.Timestamp))
        {
            return; // extended hours: an IOC exit cannot be sent then; the stop waits for the regular session
        }

        if (_fastExitBars is not null && string.Equals(symbol, _settings.FastExit.Symbol, StringComparison.Ordinal)
            && _fastExitBars.OnTrade((double)price, trade.Timestamp))
        {
            await OnFastExitBarAsync(trade.Timestamp, cancellationToken).ConfigureAwait(false);
        }

        if (_tradingStopped)
        {
            Counters.TradesWhileStopped++;
            return; // halt flag or kill switch: no order leaves this service; the stops stay armed
        }

        _fired.Clear();
        if (Stops.OnTrade(symbol, price, trade.Timestamp, _fired) == 0)
        {
            return;
        }

        Counters.StopsFired += _fired.Count;
        var triggers = _fired.ToArray();
        foreach (var t in triggers)
        {
            await _actions.PersistStopAsync(t.Stop, armed: false, cancellationToken).ConfigureAwait(false);
        }

        if (ExitFor(symbol, triggers) is not { } exit)
        {
            Counters.StopsWithoutPosition += triggers.Length;
            return;
        }

        if (!_safety.SubmissionsAllowed)
        {
            Counters.ExitsQueued++;
            // Aged on the heartbeat clock (when it arrived), which is the clock the drain compares with.
            _queue.Enqueue(exit, receivedAt);
            return;
        }

        await SubmitAsync(exit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A fast-exit bar completed: the overlay fires once when the regime is Bull and the slope is below the threshold,
    /// and is re-armed only when the slope is back at or above it or the regime is no longer Bull (one firing per
    /// downturn, not one per bar). While the halt flag or kill switch is set, the event is published but no order leaves.
    /// </summary>
    private async Task OnFastExitBarAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var bars = _fastExitBars!.CopyTo(_fastExitCloses);
        if (bars < _fastExit!.LookbackBars)
        {
            return;
        }

        var regime = RegimeSource();
        var slope = _fastExit.Slope(_fastExitCloses);
        if (regime is not { } r || !_fastExit.Fires(r, _fastExitCloses))
        {
            _fastExitLatched = false;
            return;
        }

        if (_fastExitLatched)
        {
            return;
        }

        _fastExitLatched = true;
        Counters.FastExits++;
        var trigger = new FastExitTrigger(at, _settings.FastExit.Symbol, HmmModelRecord.Label(r), slope, _fastExit.SlopeThreshold, bars);
        var acting = _settings.FastExit.Action == FastExitAction.Flatten && !_tradingStopped;
        _events.Publish(new TradingEvent(EventCodes.FastExitTriggered, EventLevel.Critical,
            string.Create(CultureInfo.InvariantCulture, $"fast exit: regime {trigger.Regime} but {trigger.Symbol}'s {bars}-bar slope {slope:0.#####} per bar < {trigger.Threshold}; {(acting ? "flattening" : _tradingStopped ? "trading stopped, no orders" : "alert only")}"),
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["regime"] = trigger.Regime,
                ["slope_per_bar"] = slope,
                ["slope_threshold"] = trigger.Threshold,
                ["bars"] = bars,
                [EventFields.Ticker] = trigger.Symbol,
                ["action"] = acting ? "flatten" : "none",
            }));
        if (acting)
        {
            await _actions.FastExitAsync(trigger, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One exit for the stops one trade fired: they protect the position's side; the quantity is their sum, at most the position.</summary>
    private StopExit? ExitFor(string symbol, StopTrigger[] triggers)
    {
        var position = PositionOf(symbol);
        var side = position > 0 ? Side.Long : position < 0 ? Side.Short : Side.Flat;
        decimal wanted = 0;
        var matching = new List<StopTrigger>(triggers.Length);
        foreach (var t in triggers)
        {
            if (t.Stop.Protects == side)
            {
                wanted += t.Stop.Quantity;
                matching.Add(t);
            }
        }

        return matching.Count == 0 ? null : new StopExit(symbol, matching, Math.Min(wanted, Math.Abs(position)), position);
    }

    private async Task SubmitAsync(StopExit exit, CancellationToken cancellationToken)
    {
        var result = await _actions.ExitAsync(exit, cancellationToken).ConfigureAwait(false);
        if (result.Submitted)
        {
            Counters.ExitsSubmitted++;
            // Optimistic until the fill's position_qty (or the next re-read) says otherwise: a second stop must not sell it again.
            var left = exit.PositionQuantity - (Math.Sign(exit.PositionQuantity) * exit.Quantity);
            SetPosition(exit.Symbol, left);
        }
        else
        {
            Counters.ExitsVetoed++;
        }
    }

    private async Task BreachAsync(HeartbeatBreach breach, CancellationToken cancellationToken)
    {
        Counters.Breaches++;
        _events.Publish(new TradingEvent(EventCodes.WsHeartbeatBreach, EventLevel.Critical, "heartbeat breach (" + breach.Kind + "): " + breach.Detail, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ws_lag_ms"] = breach.Measured.TotalMilliseconds,
            ["breach"] = breach.Kind.ToString(),
        }));
        if (breach.Kind != HeartbeatBreachKind.ConnectionLost)
        {
            // A lagging or mute connection is not trusted: drop it, so the client reconnects and the first message after clears.
            _actions.DropConnection();
        }

        if (_safety.Breach(breach.At) == SafetyTransition.Activated)
        {
            Counters.SafetyActivations++;
            TesseraTelemetry.SafetyMode.Add(1);
            await _actions.FlattenAsync(breach, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AdvanceSafetyAsync(SafetyTransition transition, DateTimeOffset at, CancellationToken cancellationToken)
    {
        switch (transition)
        {
            case SafetyTransition.Cleared:
                TesseraTelemetry.SafetyMode.Add(-1);
                _events.Publish(new TradingEvent(EventCodes.SafetyModeCleared, EventLevel.Warning, "first message after reconnection: safety mode cleared; submissions resume after " + N(_settings.Safety.CleanReception.TotalSeconds) + " s of clean reception", new Dictionary<string, object?>(StringComparer.Ordinal)));
                break;
            case SafetyTransition.SubmissionsReEnabled:
                var fresh = new List<StopExit>();
                var flushed = _queue.Drain(at, fresh);
                Counters.ExitsFlushedStale += flushed;
                _events.Publish(new TradingEvent(EventCodes.StreamSubmissionsReEnabled, EventLevel.Info, N(_settings.Safety.CleanReception.TotalSeconds) + " s of clean reception: order submission re-enabled; " + N(flushed) + " queued exit(s) older than " + N(_settings.Safety.MaxSignalAge.TotalSeconds) + " s flushed, " + N(fresh.Count) + " sent", new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["flushed"] = flushed,
                    ["sent"] = fresh.Count,
                }));
                foreach (var exit in fresh)
                {
                    if (ExitFor(exit.Symbol, [.. exit.Triggers]) is { } still)
                    {
                        await SubmitAsync(still, cancellationToken).ConfigureAwait(false);
                    }
                }

                break;
        }
    }

    private static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
