using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Tessera.Orchestrations.Application.Schedules;
using Tessera.Orchestrations.Research;
using Tessera.Storage.Blobs;
using Tessera.Storage.Lakehouse;
using Tessera.Trading.Events;

namespace Tessera.Functions;

/// <summary>
/// The research timers of <see cref="ScheduledJobs"/> on Azure Functions, one line each into <see cref="ResearchJobs"/>
/// (the code <c>tessera serve</c> runs): the regime refit and SOP-03's weekly fundamentals audit. Their events
/// (REGIME_CHANGED) go as JSON lines to stdout, which the Functions host forwards to Application Insights.
/// </summary>
public sealed class ResearchFunctions(IBlobStore blobs, Lakehouse lakehouse, TimeProvider time, ILogger<ResearchFunctions> logger)
{
    private readonly JsonLinesEventPublisher _events = new(Console.Out, EventEnvironment.ForThisProcess("tessera-functions"), TimeProvider.System);

    [Function(ScheduledJobs.RegimeRefitName)]
    public Task RegimeRefit([TimerTrigger(ScheduledJobs.RegimeRefitSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        RunAsync(ScheduledJobs.RegimeRefitName, cancellationToken);

    [Function(ScheduledJobs.WeeklyDataAuditName)]
    public Task WeeklyDataAudit([TimerTrigger(ScheduledJobs.WeeklyDataAuditSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        RunAsync(ScheduledJobs.WeeklyDataAuditName, cancellationToken);

    private async Task RunAsync(string job, CancellationToken cancellationToken)
    {
        var configuration = ResearchConfiguration.Load(Environment.GetEnvironmentVariable);
        var line = await ResearchJobs.RunAsync(job, blobs, lakehouse, _events, configuration, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("{Line}", line);
    }
}
