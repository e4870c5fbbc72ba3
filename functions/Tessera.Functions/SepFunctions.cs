using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Tessera.Orchestrations.Application.Schedules;
using Tessera.Orchestrations.Trading;

namespace Tessera.Functions;

/// <summary>
/// The live SEP desk's minute timer on Azure Functions, one line into <see cref="TradingJobs"/> like the other trading
/// timers: it ticks only when trading is enabled, <c>sep.enabled</c> is true and the cadence minute is due.
/// </summary>
public sealed class SepFunctions(TradingRuntime trading, ILogger<SepFunctions> logger)
{
    [Function(ScheduledJobs.SepTickName)]
    public async Task SepTick([TimerTrigger(ScheduledJobs.SepTickSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var line = await TradingJobs.RunAsync(ScheduledJobs.SepTickName, trading.Enabled ? trading.Commands : null, client, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("{Line}", line);
    }
}
