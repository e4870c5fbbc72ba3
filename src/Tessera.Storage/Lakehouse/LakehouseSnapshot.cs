using System.Collections.Concurrent;
using Tessera.Core.Data;
using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Storage.Blobs;

namespace Tessera.Storage.Lakehouse;

/// <summary>
/// A read-only view pinned to one manifest version. Every object it reads is immutable and content-addressed,
/// and its SHA-256 is checked against the manifest, so later imports cannot change what this snapshot returns.
/// There is no write method: a run cannot mutate the master lakehouse through its snapshot.
/// </summary>
public sealed class LakehouseSnapshot
{
    private readonly IBlobStore _store;
    private readonly LakehouseOptions _options;
    private readonly ConcurrentDictionary<string, BarSeries> _cache;
    private readonly Dictionary<string, ManifestEntry> _entries;

    internal LakehouseSnapshot(IBlobStore store, LakehouseOptions options, ConcurrentDictionary<string, BarSeries> cache, LakehouseManifest manifest, string manifestObject, string manifestSha256)
    {
        _store = store;
        _options = options;
        _cache = cache;
        Manifest = manifest;
        _entries = manifest.Symbols.ToDictionary(e => e.Symbol, StringComparer.Ordinal);
        Lineage = new SnapshotLineage(options.Container, manifest.Version, manifestObject, manifestSha256);
    }

    public LakehouseManifest Manifest { get; }

    public int Version => Manifest.Version;

    public SnapshotLineage Lineage { get; }

    /// <summary>All symbols of the version, ordinal order.</summary>
    public IReadOnlyList<string> Symbols => Manifest.Symbols.Select(e => e.Symbol).Order(StringComparer.Ordinal).ToList();

    /// <summary>Symbols not listed in the health registry (neither toxic nor stale), ordinal order.</summary>
    public IReadOnlyList<string> HealthySymbols
    {
        get
        {
            var unhealthy = Manifest.Health.Select(h => h.Symbol).ToHashSet(StringComparer.Ordinal);
            return Symbols.Where(s => !unhealthy.Contains(s)).ToList();
        }
    }

    public async Task<BarSeries> LoadAsync(string symbol, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (!_entries.TryGetValue(symbol, out var entry))
        {
            throw new TesseraValidationException("symbol", symbol, $"unknown symbol in lakehouse version {Version}");
        }

        return await LoadEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the given symbols (default: all) concurrently; result in the order asked.</summary>
    public async Task<IReadOnlyList<BarSeries>> LoadManyAsync(IReadOnlyList<string>? symbols = null, CancellationToken cancellationToken = default)
    {
        symbols ??= Symbols;
        var result = new BarSeries[symbols.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, symbols.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => result[i] = await LoadAsync(symbols[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return result;
    }

    internal async Task<BarSeries> LoadEntryAsync(ManifestEntry entry, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(entry.Object, out var cached))
        {
            return cached;
        }

        var download = await _store.GetAsync(_options.Container, entry.Object, cancellationToken: cancellationToken).ConfigureAwait(false);
        var sha = Sha256Hex.Of(download.Content);
        if (!string.Equals(sha, entry.Sha256, StringComparison.Ordinal))
        {
            throw new LakehouseCorruptException(entry.Object, "SHA-256 differs from the manifest", sha);
        }

        var series = BarColumnCodec.Decode(download.Content, entry.Object);
        if (!string.Equals(series.Symbol, entry.Symbol, StringComparison.Ordinal) || series.Count != entry.Rows)
        {
            throw new LakehouseCorruptException(entry.Object, "object does not hold the symbol/rows the manifest lists", series.Symbol);
        }

        _cache.TryAdd(entry.Object, series);
        return series;
    }
}
