using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Core.Errors;
using Tessera.Core.Governance;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Runs;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;
using Tessera.Trading.Ledger;
using Tessera.Trading.Safety;

namespace Tessera.Orchestrations.Application.Governance;

/// <summary>A transition that happened: where the run went, why, and the governance chain block that records it.</summary>
public sealed record GovernanceTransition(string RunId, GovernanceState From, GovernanceState To, string Reason, string Actor, DateTimeOffset At, long BlockIndex, string BlockHash);

/// <summary>
/// The one application service of governance, behind <c>tessera promote</c>, <c>POST /api/runs/{id}/promote</c> (local
/// host and Functions twin) and the kill-switch hook of the equity poll. A transition: the run's state is folded from
/// the governance chain; moves up the ladder pass the <see cref="PromotionGate"/> on evidence read from the run
/// (coverage artifacts linked in its audit.jsonl, hashes checked against the manifest; the walk-forward report linked
/// there; clean canary days from the chain and the NYSE calendar); the run index row is swapped by ETag (the
/// serialization point of two concurrent transitions), then the transition is appended to the governance chain with
/// its reason and evidence, then the index is re-rendered. A refusal writes nothing.
/// </summary>
public sealed class GovernanceService(RunArtifactStore artifacts, RunIndex index, GovernanceChain chain, TimeProvider clock, int requiredCanaryDays = PromotionGate.DefaultCanaryDays)
    : IKillSwitchResponder
{
    /// <summary>Config pin of governance blocks without a run manifest to pin (kill-switch demotions use the run's manifest too).</summary>
    public int RequiredCanaryDays { get; } = requiredCanaryDays;

    public async Task<GovernanceHistory> HistoryAsync(CancellationToken cancellationToken = default) =>
        GovernanceHistory.Fold(await chain.ReadAllAsync(cancellationToken).ConfigureAwait(false));

    public async Task<GovernanceTransition> PromoteAsync(PromoteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (manifest, manifestSha) = await ManifestAsync(request.RunId, cancellationToken).ConfigureAwait(false);
        var history = await HistoryAsync(cancellationToken).ConfigureAwait(false);
        var current = history.Of(request.RunId);
        var now = clock.GetUtcNow();
        var (evidence, invalid) = await EvidenceAsync(manifest, request.CoverageException, current, history, now, cancellationToken).ConfigureAwait(false);
        var decision = PromotionGate.Evaluate(current.State, request.To, evidence, RequiredCanaryDays);
        if (invalid.Count > 0 && decision.Refusal is null && GovernanceStates.IsPromotion(current.State, request.To))
        {
            decision = decision with { Missing = [.. invalid, .. decision.Missing] };
        }

        if (!decision.Allowed)
        {
            throw new PromotionRefusedException(request.RunId, decision);
        }

        var evidenceJson = new JsonObject
        {
            ["coverage"] = new JsonArray([.. evidence.Coverage.Select(c => (JsonNode)JsonValue.Create(c.IsComplete ? "complete" : "incomplete"))]),
            ["coverage_exception"] = request.CoverageException,
            ["walk_forward"] = evidence.HasWalkForwardReport,
            ["clean_canary_days"] = evidence.CleanCanaryDays,
            ["required_canary_days"] = RequiredCanaryDays,
        };
        return await TransitionAsync(request.RunId, current.State, request.To, request.Reason, request.Actor, manifest, manifestSha, evidenceJson, null, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A kill-switch firing recorded in the chain (block <paramref name="firingBlock"/>): every canary run is demoted to
    /// sandbox with the condition and the actions taken as its reason. Returns the demoted run ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> OnFiringAsync(KillSwitchFiring firing, LedgerBlock firingBlock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firing);
        ArgumentNullException.ThrowIfNull(firingBlock);
        var history = await HistoryAsync(cancellationToken).ConfigureAwait(false);
        var demoted = new List<string>();
        foreach (var (runId, g) in history.Runs.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (g.State != GovernanceState.Canary)
            {
                continue;
            }

            var (manifest, sha) = await ManifestAsync(runId, cancellationToken).ConfigureAwait(false);
            var reason = string.Create(CultureInfo.InvariantCulture, $"kill switch {KillSwitchFormat.Condition(firing.Condition)}: {firing.Reason}; actions: {KillSwitchFormat.Actions(firing.Actions)}");
            var firingJson = new JsonObject
            {
                ["condition"] = KillSwitchFormat.Condition(firing.Condition),
                ["measured"] = firing.Measured,
                ["threshold"] = firing.Threshold,
                ["actions"] = KillSwitchFormat.ActionsJson(firing.Actions),
                ["block_index"] = firingBlock.Index,
                ["block_hash"] = firingBlock.Hash,
                ["chain_date"] = LedgerLayout.ChainDateOf(firingBlock.Entry.At).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            await TransitionAsync(runId, GovernanceState.Canary, GovernanceState.Sandbox, reason, "kill-switch", manifest, sha, null, firingJson, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            demoted.Add(runId);
        }

        return demoted;
    }

    private async Task<GovernanceTransition> TransitionAsync(
        string runId, GovernanceState from, GovernanceState to, string reason, string actor, RunManifest manifest, string manifestSha,
        JsonObject? evidence, JsonObject? killSwitch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await index.Table.GetAsync(runId, cancellationToken).ConfigureAwait(false);
        var row = existing ?? new RunIndexRow { RowKey = runId, Profile = manifest.Profile.Name, Workflow = manifest.Workflow, Status = RunIndex.Completed, StartedAt = new DateTimeOffset(DateTime.SpecifyKind(manifest.StartedAtUtc, DateTimeKind.Utc)), ManifestPath = "manifest.json", ManifestSha256 = manifestSha };
        var before = (row.Governance, row.GovernanceReason, row.GovernanceAt, row.UpdatedAt);
        row.Governance = to.Name();
        row.GovernanceReason = reason;
        row.GovernanceAt = now;
        row.UpdatedAt = now;
        try
        {
            await index.Table.PutAsync(row, existing?.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StoragePreconditionFailedException or StorageConflictException)
        {
            throw new GovernanceConflictException(runId);
        }

        var payload = new JsonObject
        {
            ["run_id"] = runId,
            ["profile"] = manifest.Profile.Name,
            ["from"] = from.Name(),
            ["to"] = to.Name(),
            ["direction"] = to == GovernanceState.Retired ? "retirement" : GovernanceStates.IsPromotion(from, to) ? "promotion" : "demotion",
            ["reason"] = reason,
            ["actor"] = actor,
            ["manifest_sha256"] = manifestSha,
        };
        if (evidence is not null)
        {
            payload["evidence"] = evidence;
        }

        if (killSwitch is not null)
        {
            payload["kill_switch"] = killSwitch;
        }

        LedgerBlock block;
        try
        {
            block = await chain.AppendAsync(GovernanceChain.TransitionKind, now, payload, manifestSha, RunTraceId.Of(runId), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The chain is the record: without its block the transition did not happen, so the index row goes back.
            (row.Governance, row.GovernanceReason, row.GovernanceAt, row.UpdatedAt) = before;
            await index.Table.PutAsync(row, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await index.RenderAsync(cancellationToken).ConfigureAwait(false);
        return new GovernanceTransition(runId, from, to, reason, actor, now, block.Index, block.Hash);
    }

    private async Task<(RunManifest Manifest, string Sha256)> ManifestAsync(string runId, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await artifacts.ReadAsync(runId, "manifest.json", cancellationToken).ConfigureAwait(false);
        }
        catch (StorageNotFoundException)
        {
            throw new GovernanceRunNotFoundException(runId);
        }

        var manifest = JsonSerializer.Deserialize<RunManifest>(bytes, ArtifactJson.Options) ?? throw new GovernanceRunNotFoundException(runId);
        return (manifest, Tessera.Core.Determinism.Sha256Hex.Of(bytes));
    }

    /// <summary>
    /// The run's evidence: coverage artifacts linked in audit.jsonl (each read with its recorded hash and parsed
    /// strictly; one that fails is named as invalid evidence), the walk-forward report linked there, and the clean
    /// canary days. audit.jsonl itself must be the one the manifest hashed.
    /// </summary>
    private async Task<(PromotionEvidence Evidence, List<MissingEvidence> Invalid)> EvidenceAsync(
        RunManifest manifest, string? coverageException, RunGovernance current, GovernanceHistory history, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var invalid = new List<MissingEvidence>();
        var coverage = new List<CoverageArtifact>();
        var walkForward = false;
        var auditRecord = manifest.Artifacts.FirstOrDefault(a => a.Path == AuditTrail.FileName);
        if (auditRecord is null)
        {
            invalid.Add(new MissingEvidence("audit_missing", "the run's manifest lists no audit.jsonl"));
        }
        else
        {
            IReadOnlyList<AuditLine> lines = [];
            try
            {
                var bytes = await artifacts.ReadAsync(manifest.RunId, auditRecord.Path, cancellationToken).ConfigureAwait(false);
                if (Tessera.Core.Determinism.Sha256Hex.Of(bytes) != auditRecord.Sha256)
                {
                    throw new ArtifactIntegrityException(manifest.RunId + "/" + auditRecord.Path, auditRecord.Sha256);
                }

                lines = AuditTrail.Parse(bytes);
            }
            catch (Exception e) when (e is StorageNotFoundException or ArtifactIntegrityException or TesseraValidationException)
            {
                invalid.Add(new MissingEvidence("audit_invalid", "audit.jsonl is missing or does not match the manifest: " + e.Message));
            }

            foreach (var line in lines)
            {
                if (line.Kind != AuditKinds.Evidence || line.Artifact is not { } link)
                {
                    continue;
                }

                if (line.Name == AuditKinds.WalkForward)
                {
                    walkForward = await ExistsWithHashAsync(manifest.RunId, link, cancellationToken).ConfigureAwait(false);
                    if (!walkForward)
                    {
                        invalid.Add(new MissingEvidence("walkforward_invalid", $"{link.Path} is missing or does not match its recorded SHA-256"));
                    }
                }
                else if (line.Name == AuditKinds.Coverage)
                {
                    try
                    {
                        var bytes = await artifacts.ReadAsync(manifest.RunId, link.Path, cancellationToken).ConfigureAwait(false);
                        if (Tessera.Core.Determinism.Sha256Hex.Of(bytes) != link.Sha256)
                        {
                            throw new ArtifactIntegrityException(manifest.RunId + "/" + link.Path, link.Sha256);
                        }

                        coverage.Add(CoverageArtifact.Parse(bytes));
                    }
                    catch (Exception e) when (e is StorageNotFoundException or ArtifactIntegrityException or TesseraValidationException)
                    {
                        invalid.Add(new MissingEvidence("coverage_invalid", $"{link.Path}: {e.Message}"));
                    }
                }
            }
        }

        var cleanDays = 0;
        if (current.State == GovernanceState.Canary && current.CanaryEnteredAt is { } entered)
        {
            var since = history.LastKillSwitchAt is { } fired && fired > entered ? fired : entered;
            cleanDays = CanaryDays.Clean(since, now);
        }

        return (new PromotionEvidence(coverage, coverageException, walkForward, cleanDays), invalid);
    }

    private async Task<bool> ExistsWithHashAsync(string runId, ArtifactRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await artifacts.ReadAsync(runId, record.Path, cancellationToken).ConfigureAwait(false);
            return Tessera.Core.Determinism.Sha256Hex.Of(bytes) == record.Sha256;
        }
        catch (StorageNotFoundException)
        {
            return false;
        }
    }
}
