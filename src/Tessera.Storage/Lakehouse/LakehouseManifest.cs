using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Storage.Lakehouse;

/// <summary>One symbol's current bar object in a manifest version.</summary>
public sealed record ManifestEntry(
    string Symbol,
    string Object,
    string Sha256,
    long Bytes,
    int Rows,
    DateTime FirstBarUtc,
    DateTime LastBarUtc,
    int UpdatedInVersion,
    string? Sector = null,
    string? AssetType = null);

/// <summary>Why a symbol is out of the active universe: toxic (|r| &gt; 5) or stale (last bar older than the threshold).</summary>
public sealed record HealthEntry(string Symbol, string Status, string Reason, DateTime AtUtc);

/// <summary>What produced a manifest version (lineage).</summary>
public sealed record LineageEntry(int Version, string Operation, string Source, string? SourceSha256, DateTime AtUtc, int SymbolsChanged, long BarsAdded, long BarsReplaced);

/// <summary>
/// An immutable manifest version: every bar object with its SHA-256, the health registry and the lineage of
/// operations so far. Manifests are stored as JSON objects and never modified; the current version is named by
/// the pointer blob (see <see cref="LakehouseLayout"/>).
/// </summary>
public sealed record LakehouseManifest(
    int FormatVersion,
    int Version,
    int ParentVersion,
    DateTime CreatedUtc,
    IReadOnlyList<ManifestEntry> Symbols,
    IReadOnlyList<HealthEntry> Health,
    IReadOnlyList<LineageEntry> Lineage)
{
    public const int CurrentFormatVersion = 1;

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static LakehouseManifest Empty { get; } = new(CurrentFormatVersion, 0, 0, DateTime.UnixEpoch, [], [], []);

    public ManifestEntry? Find(string symbol)
    {
        foreach (var e in Symbols)
        {
            if (string.Equals(e.Symbol, symbol, StringComparison.Ordinal))
            {
                return e;
            }
        }

        return null;
    }

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static LakehouseManifest FromJson(ReadOnlySpan<byte> json, string objectName)
    {
        try
        {
            var m = JsonSerializer.Deserialize<LakehouseManifest>(json, Json) ?? throw new LakehouseCorruptException(objectName, "manifest is null");
            if (m.FormatVersion != CurrentFormatVersion)
            {
                throw new LakehouseCorruptException(objectName, $"unsupported manifest format (this build reads {CurrentFormatVersion})", m.FormatVersion.ToString());
            }

            return m;
        }
        catch (JsonException ex)
        {
            throw new LakehouseCorruptException(objectName, "manifest is not valid JSON", ex.Message);
        }
    }
}

/// <summary>Content of the pointer blob: which manifest is current (replaced only by compare-and-swap on its ETag).</summary>
public sealed record ManifestPointer(int Version, string Manifest, string Sha256)
{
    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, LakehouseManifest.Json);

    public static ManifestPointer FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<ManifestPointer>(json, LakehouseManifest.Json) ?? throw new LakehouseCorruptException(LakehouseLayout.Pointer, "pointer is null");
        }
        catch (JsonException ex)
        {
            throw new LakehouseCorruptException(LakehouseLayout.Pointer, "pointer is not valid JSON", ex.Message);
        }
    }
}
