using System.Globalization;
using System.Text.Json;
using Tessera.Core.Errors;
using Tessera.Core.Fundamentals;
using Tessera.Storage.Blobs;
using Tessera.Storage.Research;

namespace Tessera.Orchestrations.Research.Fundamentals;

/// <summary>The audit as written to audits/fundamentals/YYYY-MM-DD.json: the report plus the files it read.</summary>
public sealed record FundamentalsAuditRecord(DateOnly AsOf, IReadOnlyList<DateOnly> FilesRead, WeeklyAuditReport Report);

/// <summary>
/// SOP-03's weekly audit (timer WeeklyDataAudit, Mondays; <c>tessera fundamentals audit</c>): picks the latest
/// rejected_tickers file of each of the last three weeks (<see cref="WeeklyAuditWindow"/>), takes the universe from
/// the gatekeeper runs of week 0's day, runs <see cref="WeeklyDataAudit"/> with the configured known_exclusions and
/// writes the report to audits/fundamentals/YYYY-MM-DD.json (replacing an earlier audit of the same day).
/// </summary>
public sealed class FundamentalsAuditService(IBlobStore blobs, RejectedTickersLog log)
{
    public const string AuditPrefix = "audits/fundamentals/";

    public async Task<FundamentalsAuditRecord> RunAsync(DateOnly asOf, IReadOnlySet<string> knownExclusions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knownExclusions);
        var chosen = WeeklyAuditWindow.Select(await log.DatesAsync(cancellationToken).ConfigureAwait(false), asOf);
        var weeks = new List<WeekOfRejections>(chosen.Count);
        foreach (var date in chosen)
        {
            weeks.Add(new WeekOfRejections(date, await log.ReadRejectionsAsync(date, cancellationToken).ConfigureAwait(false)));
        }

        var universe = await log.ReadCheckedAsync(chosen[^1], cancellationToken).ConfigureAwait(false);
        if (universe.Count == 0)
        {
            throw new TesseraValidationException(RejectedTickersLog.RunName(chosen[^1]), "0 tickers", "the audit needs the gatekeeper run record of the week's file (its universe)");
        }

        var report = WeeklyDataAudit.Run(weeks, universe.Count, knownExclusions);
        var record = new FundamentalsAuditRecord(asOf, chosen, report);
        await blobs.CreateContainerIfNotExistsAsync(ResearchStore.Container, cancellationToken).ConfigureAwait(false);
        await blobs.PutAsync(
            ResearchStore.Container,
            AuditPrefix + asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".json",
            JsonSerializer.SerializeToUtf8Bytes(record, ResearchStore.Json),
            BlobWriteCondition.None,
            "application/json",
            cancellationToken).ConfigureAwait(false);
        return record;
    }
}
