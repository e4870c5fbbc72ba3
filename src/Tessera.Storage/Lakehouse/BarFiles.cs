using System.Security.Cryptography;
using System.Text;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;

namespace Tessera.Storage.Lakehouse;

/// <summary>Bars read from a file or a folder, the per-file reports and the SHA-256 of the input (for lineage).</summary>
public sealed record FileImportResult(IReadOnlyList<BarSeries> Series, IReadOnlyList<ImportReport> Reports, string SourceSha256)
{
    public long RowsAccepted => Reports.Sum(r => r.RowsAccepted);

    public long RowsRejected => Reports.Sum(r => r.RowsRejected);
}

/// <summary>
/// The thin I/O layer around the pure importers: opens a long-format file, or every *.csv / *.csv.gz / *.txt of a
/// one-file-per-symbol folder (ordinal name order; the file name is the symbol unless the file has a symbol column).
/// A symbol found in several files is merged keep-last in that order.
/// </summary>
public static class BarFiles
{
    /// <param name="symbol">the symbol of a single file without a symbol column (e.g. VIX); null: the file must name its symbols.</param>
    /// <param name="volumeOptional">accept a file without a volume column (an index), volumes 0.</param>
    /// <param name="limits">rows and decompressed bytes each file may hold (null: <see cref="ImportLimits.Default"/>).</param>
    /// <param name="asOfUtc">the caller's clock, bounding plausible timestamps (null: <see cref="ImportLimits.LatestWithoutClockUtc"/>).</param>
    public static FileImportResult Read(string path, ImportMode mode, string defaultExchange = "", string? symbol = null, bool volumeOptional = false, ImportLimits? limits = null, DateTime? asOfUtc = null)
    {
        var template = new BarImportOptions { Mode = mode, DefaultExchange = defaultExchange, VolumeOptional = volumeOptional, Limits = limits ?? ImportLimits.Default, AsOfUtc = asOfUtc };
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return ReadFolder(path, template);
        }

        if (!File.Exists(path))
        {
            throw new Tessera.Core.Errors.TesseraValidationException("path", path, "file or folder does not exist");
        }

        var (result, sha) = ReadFile(path, template, symbol);
        return new FileImportResult(result.Series, [result.Report], sha);
    }

    private static FileImportResult ReadFolder(string folder, BarImportOptions template)
    {
        var files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new Tessera.Core.Errors.TesseraValidationException("path", folder, "folder holds no .csv, .csv.gz or .txt file");
        }

        var merged = new SortedDictionary<string, BarSeries>(StringComparer.Ordinal);
        var reports = new List<ImportReport>();
        var lineage = new StringBuilder();
        foreach (var file in files)
        {
            var (result, sha) = ReadFile(file, template, BarCsvImporter.SymbolFromFileName(file));
            reports.Add(result.Report);
            lineage.Append(Path.GetFileName(file)).Append(' ').Append(sha).Append('\n');
            foreach (var s in result.Series)
            {
                merged[s.Symbol] = merged.TryGetValue(s.Symbol, out var prior) ? BarSeriesMerge.Merge(prior, s).Merged : s;
            }
        }

        return new FileImportResult(merged.Values.ToList(), reports, Tessera.Core.Determinism.Sha256Hex.Of(lineage.ToString()));
    }

    private static (BarImportResult Result, string Sha256) ReadFile(string path, BarImportOptions template, string? defaultSymbol)
    {
        using var file = File.OpenRead(path);
        using var hashing = new HashingReadStream(file);
        var options = template with { Source = Path.GetFileName(path), DefaultSymbol = defaultSymbol };
        var result = BarCsvImporter.Import(hashing, options);
        hashing.Drain();
        return (result, hashing.HashHex());
    }

    /// <summary>Hashes the raw bytes as the importer reads them, so the file is read once.</summary>
    private sealed class HashingReadStream(Stream inner) : ForwardReadStream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public void Drain()
        {
            var buffer = new byte[81920];
            while (Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }

        public string HashHex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
