using System.Threading.Channels;

namespace Tessera.Trading.Events;

/// <summary>
/// The publisher trading code uses. Every event goes to the JSON log (synchronously, on the caller's thread); events
/// whose rule says so (and rate rules that fire) become alerts, queued and delivered on a background loop to the
/// rule's channels plus the local sinks, so a slow or failing channel never blocks or throws into trading code.
/// A failed delivery is logged as ALERT_DELIVERY_FAILED (secrets masked); a delivered email or SMS as
/// ALERT_EMAIL_SENT / ALERT_SMS_SENT (seed section 5.4). Those bookkeeping events go to the log only, never back into
/// the policy, so a broken channel cannot loop.
/// </summary>
public sealed class AlertingPublisher : ITradingEventPublisher, IAsyncDisposable
{
    private readonly ITradingEventPublisher _log;
    private readonly AlertingPolicy _policy;
    private readonly IReadOnlyList<IAlertChannel> _channels;
    private readonly TimeProvider _time;
    private readonly TimeSpan _deliveryTimeout;
    private readonly AlertRateTracker _rates = new();
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;

    public AlertingPublisher(ITradingEventPublisher log, AlertingPolicy policy, IEnumerable<IAlertChannel> channels, TimeProvider time, TimeSpan? deliveryTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(time);
        _log = log;
        _policy = policy;
        _channels = [.. channels];
        _time = time;
        _deliveryTimeout = deliveryTimeout ?? new AlertingOptions().DeliveryTimeout;
        _pump = Task.Run(PumpAsync);
    }

    public void Publish(TradingEvent tradingEvent)
    {
        ArgumentNullException.ThrowIfNull(tradingEvent);
        _log.Publish(tradingEvent);
        if (_policy.RuleFor(tradingEvent.Code) is not { } rule)
        {
            return;
        }

        var at = _time.GetUtcNow();
        int? count = null;
        if (rule.Rate is { } rate)
        {
            if (!_rates.Record(rule, at, out var inWindow))
            {
                return;
            }

            count = inWindow;
            var message = $"{inWindow} {rule.Code} events within {rate.Window.TotalMinutes:0} minutes (alert above {rate.MoreThan}); latest: {tradingEvent.Message}";
            Enqueue(new Alert(rule.Code, rule.Severity, message, at, tradingEvent.Fields, count), rule.Channels);
            return;
        }

        Enqueue(new Alert(rule.Code, rule.Severity, tradingEvent.Message, at, tradingEvent.Fields), rule.Channels);
    }

    /// <summary>Completes once every alert queued before the call has been delivered or recorded as failed.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Work(null, AlertChannels.None, done)))
        {
            return _pump;
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void Enqueue(Alert alert, AlertChannels ruleChannels) =>
        _queue.Writer.TryWrite(new Work(alert, ruleChannels | _policy.LocalChannels, null));

    private async Task PumpAsync()
    {
        await foreach (var work in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (work.Alert is { } alert)
            {
                await DeliverAsync(alert, work.Channels).ConfigureAwait(false);
            }

            work.Flushed?.TrySetResult();
        }
    }

    private async Task DeliverAsync(Alert alert, AlertChannels wanted)
    {
        var reached = AlertChannels.None;
        foreach (var channel in _channels)
        {
            if ((wanted & channel.Kind) == AlertChannels.None)
            {
                continue;
            }

            reached |= channel.Kind;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(_deliveryTimeout);
            try
            {
                await channel.DeliverAsync(alert, timeout.Token).ConfigureAwait(false);
                Record(channel, alert);
            }
#pragma warning disable CA1031 // A channel failure of any kind must be recorded, never thrown into trading code.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var reason = e switch
                {
                    AlertDeliveryException delivery => delivery.Message,
                    OperationCanceledException => $"{channel.Kind} alert not delivered: no answer within {_deliveryTimeout.TotalSeconds:0} s",
                    _ => $"{channel.Kind} alert not delivered: {SecretMask.Failure(e)}",
                };
                Failed(channel.Kind, alert, reason);
            }
        }

        // A rule asked for a channel nobody configured: say so, so a P0 without SMS is visible in the log.
        var missing = wanted & ~reached & ~_policy.LocalChannels;
        foreach (var kind in new[] { AlertChannels.Webhook, AlertChannels.Email, AlertChannels.Sms })
        {
            if ((missing & kind) != AlertChannels.None)
            {
                Failed(kind, alert, $"{kind} alert not delivered: no {kind} channel is configured");
            }
        }
    }

    private void Record(IAlertChannel channel, Alert alert)
    {
        var code = channel.Kind switch
        {
            AlertChannels.Email => EventCodes.AlertEmailSent,
            AlertChannels.Sms => EventCodes.AlertSmsSent,
            _ => null,
        };
        if (code is not null)
        {
            SafeLog(new TradingEvent(code, EventLevel.Info, $"{alert.Code} alert sent by {channel.Kind}", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [EventFields.Recipient] = channel.Destination,
                [EventFields.AlertEvent] = alert.Code,
            }));
        }
    }

    private void Failed(AlertChannels kind, Alert alert, string reason) =>
        SafeLog(new TradingEvent(EventCodes.AlertDeliveryFailed, EventLevel.Error, reason, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [EventFields.Channel] = kind.ToString().ToLowerInvariant(),
            [EventFields.AlertEvent] = alert.Code,
            [EventFields.Error] = reason,
        }));

    // On the background loop there is nobody to throw to: a log that cannot be written is dropped there.
    private void SafeLog(TradingEvent tradingEvent)
    {
        try
        {
            _log.Publish(tradingEvent);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Deliberately dropped: see above.
        }
    }

    private sealed record Work(Alert? Alert, AlertChannels Channels, TaskCompletionSource? Flushed);
}
