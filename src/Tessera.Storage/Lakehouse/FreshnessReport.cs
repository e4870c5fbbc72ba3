using System.Text.Json;

namespace Tessera.Storage.Lakehouse;

/// <summary>One symbol in the freshness audit.</summary>
public sealed record SymbolFreshness(
    string Symbol,
    int Rows,
    DateTime FirstBarUtc,
    DateTime LastBarUtc,
    double AgeHours,
    bool Stale,
    int Gaps,
    double LargestGapDays,
    string? Health);

/// <summary>A large daily move found by the audit.</summary>
public sealed record LargeMove(string Symbol, DateTime DateUtc, double Return);

/// <summary>
/// Freshness audit of one lakehouse version: per symbol last bar vs the stale threshold, calendar gaps, health
/// status; the symbols with short history and the largest daily moves. Serializable to JSON (snake_case).
/// </summary>
public sealed record FreshnessReport(
    DateTime AsOfUtc,
    int ManifestVersion,
    string ManifestSha256,
    double StaleThresholdHours,
    double GapThresholdDays,
    int SymbolCount,
    int StaleCount,
    int ToxicCount,
    IReadOnlyList<SymbolFreshness> Symbols,
    IReadOnlyList<SymbolFreshness> ShortHistory,
    IReadOnlyList<LargeMove> LargestMoves,
    IReadOnlyList<HealthEntry> ToxicDrops)
{
    public string ToJson() => JsonSerializer.Serialize(this, LakehouseManifest.Json);
}
