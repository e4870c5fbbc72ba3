using System.Text.Json.Serialization;
using Tessera.Core;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Orchestrations.Meta;

/// <summary>
/// A validated meta profile (config/metas/NAME.yaml, <see cref="MetaCatalog"/>): its sleeves, the meta optimizer
/// (risk parity, erc, by default), the caps and whether a meta of one sleeve is allowed.
/// </summary>
public sealed record MetaProfile(
    string Name,
    string Description,
    IReadOnlyList<MetaSleeveSpec> Sleeves,
    Optimizer Optimizer,
    double MaxSleeveWeight,
    double MaxAssetWeight,
    bool AllowSingleSleeve);

/// <summary>Where a sleeve's run comes from: an atomic profile run now, a pinned completed run, or another meta run now.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SleeveSource>))]
public enum SleeveSource
{
    [JsonStringEnumMemberName("profile")]
    Profile,

    [JsonStringEnumMemberName("run_id")]
    Pinned,

    [JsonStringEnumMemberName("meta")]
    Meta,
}

/// <summary>One sleeve as the YAML names it: its name in the meta, its side (LONG or SHORT), its source and reference, an optional cap.</summary>
public sealed record MetaSleeveSpec(string Name, Side Side, SleeveSource Source, string Reference, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MaxWeight = null);

/// <summary>
/// A meta profile resolved for one run: every atomic sleeve's profile loaded and validated, every meta sleeve's own
/// plan resolved (recursively, cycles refused), caps combined (min of the sleeve's max_weight and max_sleeve_weight).
/// The orchestration's input: nothing is looked up by name once a run has started.
/// </summary>
public sealed record MetaPlan(
    string Name,
    Optimizer Optimizer,
    double MaxAssetWeight,
    bool AllowSingleSleeve,
    IReadOnlyList<PlannedSleeve> Sleeves);

/// <summary>A resolved sleeve: exactly one of <see cref="Profile"/>, <see cref="PinnedRunId"/>, <see cref="Meta"/> is set; a lakehouse profile also carries the snapshot pinned when the meta was started.</summary>
public sealed record PlannedSleeve(
    string Name,
    Side Side,
    double Cap,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SleeveProfile? Profile = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PinnedRunId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MetaPlan? Meta = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Tessera.Storage.Lakehouse.SnapshotLineage? Snapshot = null)
{
    [JsonIgnore]
    public SleeveSource Source => Profile is not null ? SleeveSource.Profile : Meta is not null ? SleeveSource.Meta : SleeveSource.Pinned;

    /// <summary>The profile, run id or meta name the sleeve was resolved from (as the report lists it).</summary>
    [JsonIgnore]
    public string Reference => Profile?.Name ?? Meta?.Name ?? PinnedRunId ?? "?";
}
