using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Tessera.Orchestrations.Application.Http;
using Tessera.Orchestrations.Application.Schedules;
using Tessera.Orchestrations.Trading;
using Tessera.Trading.Desk;

namespace Tessera.Functions;

/// <summary>
/// The order path on Azure Functions: the market scan orchestration and its activities, the trading HTTP routes and
/// the trading timers, each one line into the code the local host runs (MarketScanRegistration, TradingHttpApi,
/// TradingJobs). <see cref="TradingRuntime"/> is null-safe: with trading disabled the timers log and return, and the
/// routes answer 503.
/// </summary>
public sealed class TradingFunctions(TradingRuntime trading, ILogger<TradingFunctions> logger)
{
    [Function(TradingSteps.Orchestrator)]
    public static Task<ScanSummary> MarketScan([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return MarketScanOrchestrator.RunAsync(context, context.GetInput<ScanInput>()!);
    }

    [Function(TradingSteps.Decide)]
    public Task<ScanDecisions> ScanDecide([ActivityTrigger] ScanInput input, FunctionContext context) =>
        MarketScanActivities.DecideAsync(input, trading.Services, context.CancellationToken);

    [Function(TradingSteps.Submit)]
    public Task<ScanSubmission> ScanSubmit([ActivityTrigger] ScanSubmitInput input, FunctionContext context) =>
        MarketScanActivities.SubmitAsync(input, trading.Services, context.CancellationToken);

    [Function(TradingSteps.Summarize)]
    public Task<ScanSummary> ScanSummarize([ActivityTrigger] ScanSummarizeInput input, FunctionContext context) =>
        MarketScanActivities.SummarizeAsync(input, trading.Services, context.CancellationToken);

    [Function("TradingHalt")]
    public async Task<IActionResult> TradingHalt([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/trading/halt")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        await trading.Api.HaltAsync(req.HttpContext).ConfigureAwait(false);
        return HttpFunctions.Written;
    }

    [Function("TradingResume")]
    public async Task<IActionResult> TradingResume([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/trading/resume")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        await trading.Api.ResumeAsync(req.HttpContext).ConfigureAwait(false);
        return HttpFunctions.Written;
    }

    [Function("TradingPositions")]
    public async Task<IActionResult> TradingPositions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/trading/positions")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        await trading.Api.PositionsAsync(req.HttpContext).ConfigureAwait(false);
        return HttpFunctions.Written;
    }

    [Function("TradingEquity")]
    public async Task<IActionResult> TradingEquity([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/trading/equity")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        await trading.Api.EquityAsync(req.HttpContext).ConfigureAwait(false);
        return HttpFunctions.Written;
    }

    [Function("TradingKillSwitch")]
    public async Task<IActionResult> TradingKillSwitch([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/trading/kill-switch")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        await trading.Api.KillSwitchAsync(req.HttpContext).ConfigureAwait(false);
        return HttpFunctions.Written;
    }

    [Function("TradingKillSwitchClear")]
    public async Task<IActionResult> TradingKillSwitchClear([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/trading/kill-switch/clear")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        await trading.Api.KillSwitchClearAsync(req.HttpContext).ConfigureAwait(false);
        return HttpFunctions.Written;
    }

    [Function("TradingStatus")]
    public async Task<IActionResult> TradingStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/trading/status")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        await trading.Api.StatusAsync(req.HttpContext).ConfigureAwait(false);
        return HttpFunctions.Written;
    }

    [Function("TradingOrders")]
    public async Task<IActionResult> TradingOrders([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/trading/orders")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        await trading.Api.OrdersAsync(req.HttpContext).ConfigureAwait(false);
        return HttpFunctions.Written;
    }

    [Function("TradingLedger")]
    public async Task<IActionResult> TradingLedger([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/trading/ledger")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        await trading.Api.LedgerAsync(req.HttpContext).ConfigureAwait(false);
        return HttpFunctions.Written;
    }

    [Function("TradingScan")]
    public async Task<IActionResult> TradingScan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/trading/scan")] HttpRequest req,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(req);
        await trading.Api.ScanAsync(req.HttpContext, client).ConfigureAwait(false);
        return HttpFunctions.Written;
    }

    [Function(ScheduledJobs.MarketScanTimerName)]
    public Task MarketScanTimer([TimerTrigger(ScheduledJobs.MarketScanTimerSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunJobAsync(ScheduledJobs.MarketScanTimerName, client, cancellationToken);

    [Function(ScheduledJobs.EquityPollBackstopName)]
    public Task EquityPollBackstop([TimerTrigger(ScheduledJobs.EquityPollBackstopSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunJobAsync(ScheduledJobs.EquityPollBackstopName, client, cancellationToken);

    [Function(ScheduledJobs.ExitBeforeCloseTimerName)]
    public Task ExitBeforeCloseTimer([TimerTrigger(ScheduledJobs.ExitBeforeCloseTimerSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunJobAsync(ScheduledJobs.ExitBeforeCloseTimerName, client, cancellationToken);

    [Function(ScheduledJobs.DailyReconciliationName)]
    public Task DailyReconciliation([TimerTrigger(ScheduledJobs.DailyReconciliationSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunJobAsync(ScheduledJobs.DailyReconciliationName, client, cancellationToken);

    [Function(ScheduledJobs.DailyBudgetResetName)]
    public Task DailyBudgetReset([TimerTrigger(ScheduledJobs.DailyBudgetResetSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunJobAsync(ScheduledJobs.DailyBudgetResetName, client, cancellationToken);

    private async Task RunJobAsync(string job, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var line = await TradingJobs.RunAsync(job, trading.Enabled ? trading.Commands : null, client, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("{Line}", line);
    }
}
