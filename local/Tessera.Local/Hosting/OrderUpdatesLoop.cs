using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Streaming;
using Tessera.Orchestrations.Trading;
using Tessera.Trading.Orders;

namespace Tessera.Local.Hosting;

/// <summary>
/// Keeps the order manager's records current in `tessera serve --trade`: the broker's trade-update stream drives the
/// OMS state machine (fills, partial fills, the cancelled rest of an IOC), with the poller as the fallback every
/// minute (and after every reconnection, through <see cref="TradeUpdateAdapter"/>), so a missed frame costs at most a
/// minute of staleness, never a wrong state.
/// </summary>
public sealed class OrderUpdatesLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _stream;
    private readonly Task _poll;

    private OrderUpdatesLoop(TradingServices services, AlpacaClientOptions options, TimeSpan pollInterval, Action<Exception> onError, bool followTradeUpdates)
    {
        // When the stream service runs in the same process it follows the trade-update stream itself; one consumer is enough.
        _stream = !followTradeUpdates ? Task.CompletedTask : Task.Run(async () =>
        {
            try
            {
                var desk = await services.OpenDeskAsync(_stop.Token).ConfigureAwait(false);
                await using var stream = new AlpacaTradeUpdatesStream(options);
                await stream.StartAsync(_stop.Token).ConfigureAwait(false);
                await new TradeUpdateAdapter(desk.Orders, new OrderPoller(desk.Orders)).RunAsync(stream, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                onError(e);
            }
        });
        _poll = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(pollInterval);
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    var desk = await services.OpenDeskAsync(_stop.Token).ConfigureAwait(false);
                    await new OrderPoller(desk.Orders).PollOnceAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    onError(e);
                }
            }
        });
    }

    public static OrderUpdatesLoop Start(TradingServices services, AlpacaClientOptions options, TimeSpan pollInterval, Action<Exception> onError, bool followTradeUpdates = true) =>
        new(services, options, pollInterval, onError, followTradeUpdates);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var task in new[] { _stream, _poll })
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }

        _stop.Dispose();
    }
}
