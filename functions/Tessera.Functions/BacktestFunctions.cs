using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Application.Http;
using Tessera.Orchestrations.Backtests;

namespace Tessera.Functions;

/// <summary>
/// Backtests as runs on Azure Functions: the two HTTP routes (into the shared <see cref="BacktestsHttpApi"/>), the
/// BacktestRun orchestrator and its activities, each a call into the code the local host maps and registers.
/// </summary>
public sealed class BacktestFunctions(BacktestsHttpApi api, BacktestServices services)
{
    [Function("StartBacktest")]
    public async Task<IActionResult> StartBacktest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/backtests")] HttpRequest req,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(req);
        await api.StartAsync(req.HttpContext, client).ConfigureAwait(false);
        return HttpFunctions.Written;
    }

    [Function("GetBacktest")]
    public async Task<IActionResult> GetBacktest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/backtests/{id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        await api.GetAsync(req.HttpContext, client, id).ConfigureAwait(false);
        return HttpFunctions.Written;
    }

    [Function(BacktestSteps.Orchestrator)]
    public static Task<BacktestRunOutput> BacktestRun([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BacktestOrchestrator.RunAsync(context, context.GetInput<BacktestRunInput>()!);
    }

    [Function(BacktestSteps.Compute)]
    public Task<BacktestComputed> BacktestCompute([ActivityTrigger] BacktestRunInput input, FunctionContext context) =>
        BacktestActivities.ComputeAsync(input, services, context.CancellationToken);

    [Function(BacktestSteps.Seal)]
    public Task<BacktestRunOutput> BacktestSeal([ActivityTrigger] BacktestSealInput input, FunctionContext context) =>
        BacktestActivities.SealAsync(input, services, context.CancellationToken);
}
