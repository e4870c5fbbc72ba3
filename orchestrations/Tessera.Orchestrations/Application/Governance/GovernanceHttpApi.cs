using Microsoft.AspNetCore.Http;
using Tessera.Core.Governance;
using Tessera.Orchestrations.Application.Http;

namespace Tessera.Orchestrations.Application.Governance;

/// <summary>
/// POST /api/runs/{id}/promote (API key; body {"to": ..., "reason": ..., "coverage_exception"?: ...}, parsed strictly):
/// 200 with the transition and its governance chain block; 400 bad body (naming the field), 401 key, 404 run without
/// a manifest, 409 a move governance does not allow (or a concurrent transition), 422 missing evidence naming every
/// missing piece. The local host maps it; the Functions twin calls it.
/// </summary>
public sealed class GovernanceHttpApi(GovernanceService service, HttpApiSettings settings)
{
    public const int MaxBodyBytes = PromoteRequestBody.MaxBodyBytes;

    public Task PromoteAsync(HttpContext http, string id) => RunsHttpApi.Keyed(http, ApiRoutes.PromoteRun, settings, async ct =>
    {
        var body = await HttpBodies.ReadBoundedAsync(http.Request, MaxBodyBytes, ct).ConfigureAwait(false);
        var request = PromoteRequestBody.Parse(id, body, "api");
        var t = await service.PromoteAsync(request, ct).ConfigureAwait(false);
        return new ApiAnswer(StatusCodes.Status200OK, new
        {
            run_id = t.RunId,
            from = t.From.Name(),
            to = t.To.Name(),
            reason = t.Reason,
            at = t.At,
            chain_block = t.BlockIndex,
            chain_hash = t.BlockHash,
        });
    });
}
