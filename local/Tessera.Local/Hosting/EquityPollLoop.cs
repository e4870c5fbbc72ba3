using Tessera.Orchestrations.Trading;
using Tessera.Trading.Safety;

namespace Tessera.Local.Hosting;

/// <summary>
/// The circuit breaker's fast poll in the local host: every <c>interval</c> (10 s, config circuit_breaker.equity_poll_seconds),
/// one <see cref="TradingCommands.EquityPollAsync"/> tick; a failing tick is reported and the loop goes on. Prints a
/// line only when something happens (a halt, a failure), not every 10 s.
/// </summary>
public sealed class EquityPollLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private EquityPollLoop(TradingCommands commands, TimeSpan interval, Action<string> report, Action<Exception> onError)
    {
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    var outcome = await commands.EquityPollAsync(_stop.Token).ConfigureAwait(false);
                    foreach (var fired in outcome.KillSwitch)
                    {
                        report(KillSwitchWatch.Describe(fired));
                    }

                    if (outcome.Status is EquityPollStatus.Halted)
                    {
                        report($"CIRCUIT BREAKER: halted at drawdown {outcome.Reading?.Drawdown:P2}; orders cancelled {outcome.Halt?.CancelledOrderIds.Count}, positions closing {outcome.Halt?.ClosingOrders.Count}");
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    onError(e);
                }
            }
        });
    }

    public static EquityPollLoop Start(TradingCommands commands, TimeSpan interval, Action<string> report, Action<Exception> onError) => new(commands, interval, report, onError);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _stop.Dispose();
    }
}
