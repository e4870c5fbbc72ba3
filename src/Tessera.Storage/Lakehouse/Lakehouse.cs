using System.Collections.Concurrent;
using Tessera.Core.Contracts;
using Tessera.Core.Data;
using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Storage.Blobs;
using Tessera.Storage.Errors;

namespace Tessera.Storage.Lakehouse;

/// <summary>
/// Market-data lakehouse on blob storage (layout and format: docs/LAKEHOUSE.md). Readers pin a manifest version
/// (<see cref="OpenSnapshotAsync()"/>). Writers merge bars keep-last into new immutable objects, write a new
/// immutable manifest, then publish it by compare-and-swap of the pointer blob's ETag: a writer that loses the race
/// re-reads the new base and merges again, so no update is lost, and anything written before a failed publish is
/// unreferenced, hence invisible. The clock is injected (health timestamps, staleness); nothing here reads the wall clock.
/// </summary>
public sealed class Lakehouse
{
    private readonly IBlobStore _store;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, BarSeries> _cache = new(StringComparer.Ordinal);

    public Lakehouse(IBlobStore store, TimeProvider clock, LakehouseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        _store = store;
        _clock = clock;
        Options = options ?? new LakehouseOptions();
        BlobNames.ValidateContainer(Options.Container);
    }

    public LakehouseOptions Options { get; }

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _store.CreateContainerIfNotExistsAsync(Options.Container, cancellationToken);

    /// <summary>Snapshot of the current version (version 0, empty, when nothing was ever published).</summary>
    public async Task<LakehouseSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var (snapshot, _) = await ReadCurrentAsync(cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    /// <summary>Snapshot of an earlier version, for reproducing a run from its recorded lineage.</summary>
    public async Task<LakehouseSnapshot> OpenSnapshotAsync(SnapshotLineage lineage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        if (lineage.Version == 0)
        {
            return Snapshot(LakehouseManifest.Empty, "<empty>", string.Empty);
        }

        return await LoadManifestAsync(lineage.Manifest, lineage.ManifestSha256, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LakehouseImportOutcome> ImportAsync(LakehouseImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateIncoming(request.Series);
        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await ReadCurrentAsync(cancellationToken).ConfigureAwait(false);
            var plan = await PlanAsync(current, request, cancellationToken).ConfigureAwait(false);
            if (!plan.Changed)
            {
                return new LakehouseImportOutcome(current.Version, current.Version, false, attempt, plan.Results, plan.Failures, current.Manifest.Health);
            }

            try
            {
                await PublishAsync(plan, etag, cancellationToken).ConfigureAwait(false);

                // Names are content hashes, so what we just wrote can serve later reads from memory. Decoded from
                // the written bytes (not the caller's arrays, which the caller may still mutate).
                foreach (var o in plan.Objects)
                {
                    _cache.TryAdd(o.Name, BarColumnCodec.Decode(o.Bytes, o.Name));
                }

                return new LakehouseImportOutcome(current.Version, plan.Manifest.Version, true, attempt, plan.Results, plan.Failures, plan.Manifest.Health);
            }
            catch (Exception ex) when (ex is StoragePreconditionFailedException or StorageConflictException && attempt < Options.MaxCommitAttempts)
            {
                // Another writer published first: merge again on top of its version.
            }
        }
    }

    private static void ValidateIncoming(IReadOnlyList<BarSeries> series)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            SymbolId.Parse(s.Symbol);
            if (!seen.Add(s.Symbol))
            {
                throw new TesseraValidationException("symbol", s.Symbol, "each symbol at most once per import");
            }

            if (s.Count == 0)
            {
                throw new TesseraValidationException("bars", s.Symbol, "an imported series must have at least one bar");
            }

            // Strict L0: bad bars never reach storage (importers in lenient mode have already dropped theirs).
            L0Gate.Check(s, ContractMode.Strict);
        }
    }

    private sealed record Plan(bool Changed, LakehouseManifest Manifest, List<(string Name, byte[] Bytes)> Objects, List<SymbolImportResult> Results, List<string> Failures);

    private async Task<Plan> PlanAsync(LakehouseSnapshot current, LakehouseImportRequest request, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var baseManifest = current.Manifest;
        var version = baseManifest.Version + 1;
        var entries = baseManifest.Symbols.ToDictionary(e => e.Symbol, StringComparer.Ordinal);
        var health = baseManifest.Health.ToDictionary(h => h.Symbol, StringComparer.Ordinal);
        var objects = new ConcurrentBag<(string Name, byte[] Bytes)>();
        var results = new SymbolImportResult[request.Series.Count];
        var newEntries = new ManifestEntry?[request.Series.Count];
        var toxicReasons = new string?[request.Series.Count];

        await Parallel.ForEachAsync(
            Enumerable.Range(0, request.Series.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var incoming = request.Series[i];
                entries.TryGetValue(incoming.Symbol, out var existingEntry);
                var existing = existingEntry is null ? null : await current.LoadEntryAsync(existingEntry, ct).ConfigureAwait(false);
                var (merged, stats) = BarSeriesMerge.Merge(existing, incoming);
                toxicReasons[i] = ToxicReason(merged);
                var lastBar = BarSeries.ToUtc(merged.Timestamps[^1]);
                var stale = now - lastBar > Options.StaleThreshold;
                results[i] = new SymbolImportResult(incoming.Symbol, stats, stale, toxicReasons[i] is not null);
                SymbolMetadata? meta = null;
                request.Metadata?.TryGetValue(incoming.Symbol, out meta);
                if (stats.Changed)
                {
                    var bytes = BarColumnCodec.Encode(merged);
                    var sha = Sha256Hex.Of(bytes);
                    var name = LakehouseLayout.BarObjectName(merged.Symbol, sha);
                    objects.Add((name, bytes));
                    newEntries[i] = new ManifestEntry(merged.Symbol, name, sha, bytes.Length, merged.Count, BarSeries.ToUtc(merged.Timestamps[0]), lastBar, version, meta?.Sector ?? existingEntry?.Sector, meta?.AssetType ?? existingEntry?.AssetType);
                }
                else if (existingEntry is not null && meta is not null && (meta.Sector != existingEntry.Sector || meta.AssetType != existingEntry.AssetType))
                {
                    newEntries[i] = existingEntry with { Sector = meta.Sector, AssetType = meta.AssetType };
                }
            }).ConfigureAwait(false);

        var failures = new List<string>();
        for (var i = 0; i < results.Length; i++)
        {
            var r = results[i];
            if (newEntries[i] is { } e)
            {
                entries[r.Symbol] = e;
            }

            // Freshness is an audit, not a condition of import: re-importing an unchanged historical file is a
            // no-op that succeeds. Only a caller that asks for fresh data (RequireFresh) gets the failure.
            if (request.RequireFresh && r.Stale && r.Stats.Added == 0)
            {
                var last = entries[r.Symbol].LastBarUtc;
                failures.Add($"{r.Symbol}: import added 0 bars to a stale symbol (last bar {last:yyyy-MM-ddTHH:mm:ssZ}, {(now - last).TotalHours:F0} h old > {Options.StaleThreshold.TotalHours:F0} h)");
            }

            if (toxicReasons[i] is { } reason)
            {
                Upsert(health, new HealthEntry(r.Symbol, "toxic", reason, now));
            }
            else if (health.TryGetValue(r.Symbol, out var h) && h.Status == "toxic")
            {
                health.Remove(r.Symbol);
            }
        }

        // Staleness is re-evaluated for every symbol, not only the imported ones: time passes for all of them.
        foreach (var e in entries.Values)
        {
            var stale = now - e.LastBarUtc > Options.StaleThreshold;
            health.TryGetValue(e.Symbol, out var h);
            if (stale && h is null)
            {
                health[e.Symbol] = new HealthEntry(e.Symbol, "stale", $"last bar {e.LastBarUtc:yyyy-MM-ddTHH:mm:ssZ} older than {Options.StaleThreshold.TotalHours:F0} h", now);
            }
            else if (!stale && h is { Status: "stale" })
            {
                health.Remove(e.Symbol);
            }
        }

        var healthList = health.Values.OrderBy(h => h.Symbol, StringComparer.Ordinal).ToList();
        var changedSymbols = results.Count(r => r.Stats.Changed);
        var metadataChanged = newEntries.Count(e => e is not null) > changedSymbols;
        // Same content, same version: a health registry that differs only because time passed (new stale verdicts)
        // does not publish a version of its own; it is refreshed with the next real change, and `data audit`
        // computes staleness from the clock anyway. Toxic verdicts only change with bars, so they always ride along.
        var changed = changedSymbols > 0 || metadataChanged;
        var lineage = baseManifest.Lineage.ToList();
        lineage.Add(new LineageEntry(version, request.Operation, request.Source, request.SourceSha256, now, changedSymbols, results.Sum(r => (long)r.Stats.Added), results.Sum(r => (long)r.Stats.Replaced)));
        var manifest = new LakehouseManifest(LakehouseManifest.CurrentFormatVersion, version, baseManifest.Version, now, entries.Values.OrderBy(e => e.Symbol, StringComparer.Ordinal).ToList(), healthList, lineage);
        return new Plan(changed, manifest, objects.OrderBy(o => o.Name, StringComparer.Ordinal).ToList(), results.ToList(), failures);
    }

    private static void Upsert(Dictionary<string, HealthEntry> health, HealthEntry entry)
    {
        // Keep the first detection time while the status and reason are unchanged.
        if (health.TryGetValue(entry.Symbol, out var old) && old.Status == entry.Status && old.Reason == entry.Reason)
        {
            return;
        }

        health[entry.Symbol] = entry;
    }

    private string? ToxicReason(BarSeries s)
    {
        for (var t = 1; t < s.Count; t++)
        {
            var r = (s.Close[t] / s.Close[t - 1]) - 1.0;
            if (Math.Abs(r) > Options.ToxicAbsReturn)
            {
                return $"|r| = {Math.Abs(r):G6} > {Options.ToxicAbsReturn} on {BarSeries.ToUtc(s.Timestamps[t]):yyyy-MM-dd}";
            }
        }

        return null;
    }

    private async Task PublishAsync(Plan plan, string? pointerETag, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            plan.Objects,
            new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = cancellationToken },
            async (o, ct) => await PutImmutableAsync(o.Name, o.Bytes, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var manifestBytes = plan.Manifest.ToJsonBytes();
        var manifestSha = Sha256Hex.Of(manifestBytes);
        var manifestName = LakehouseLayout.ManifestName(plan.Manifest.Version, manifestSha);
        await PutImmutableAsync(manifestName, manifestBytes, cancellationToken).ConfigureAwait(false);

        // The single commit point: swing the pointer, only if nobody else did since we read it.
        var pointer = new ManifestPointer(plan.Manifest.Version, manifestName, manifestSha).ToJsonBytes();
        var condition = pointerETag is null ? BlobWriteCondition.CreateOnly : BlobWriteCondition.IfMatch(pointerETag);
        await _store.PutAsync(Options.Container, LakehouseLayout.Pointer, pointer, condition, "application/json", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Content-addressed names: an existing blob under the same name already holds these exact bytes.</summary>
    private async Task PutImmutableAsync(string name, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            await _store.PutAsync(Options.Container, name, bytes, BlobWriteCondition.CreateOnly, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
        }
        catch (StoragePreconditionFailedException)
        {
        }
    }

    private async Task<(LakehouseSnapshot Snapshot, string? ETag)> ReadCurrentAsync(CancellationToken cancellationToken)
    {
        BlobDownload download;
        try
        {
            download = await _store.GetAsync(Options.Container, LakehouseLayout.Pointer, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StorageNotFoundException ex) when (!string.Equals(ex.ErrorCode, "ContainerNotFound", StringComparison.Ordinal))
        {
            // No pointer yet: the lakehouse exists but nothing was ever published (version 0). A missing
            // container is not "empty": it propagates, so a wrong container name is not silently read as no data.
            return (Snapshot(LakehouseManifest.Empty, "<empty>", string.Empty), null);
        }

        var pointer = ManifestPointer.FromJson(download.Content);
        var snapshot = await LoadManifestAsync(pointer.Manifest, pointer.Sha256, cancellationToken).ConfigureAwait(false);
        if (snapshot.Version != pointer.Version)
        {
            throw new LakehouseCorruptException(pointer.Manifest, "manifest version differs from the pointer", snapshot.Version.ToString());
        }

        return (snapshot, download.Properties.ETag);
    }

    private async Task<LakehouseSnapshot> LoadManifestAsync(string name, string sha256, CancellationToken cancellationToken)
    {
        var download = await _store.GetAsync(Options.Container, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        var actual = Sha256Hex.Of(download.Content);
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            throw new LakehouseCorruptException(name, "manifest SHA-256 differs from the pointer", actual);
        }

        return Snapshot(LakehouseManifest.FromJson(download.Content, name), name, sha256);
    }

    private LakehouseSnapshot Snapshot(LakehouseManifest manifest, string name, string sha) => new(_store, Options, _cache, manifest, name, sha);
}
