using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tessera.Orchestrations.Application.Governance;

namespace Tessera.Functions;

/// <summary>Governance on Azure Functions: the promote route, a call into the shared <see cref="GovernanceHttpApi"/>.</summary>
public sealed class GovernanceFunctions(GovernanceHttpApi api)
{
    [Function("PromoteRun")]
    public async Task<IActionResult> PromoteRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/runs/{id}/promote")] HttpRequest req,
        string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        await api.PromoteAsync(req.HttpContext, id).ConfigureAwait(false);
        return HttpFunctions.Written;
    }
}
