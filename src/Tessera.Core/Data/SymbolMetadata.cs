namespace Tessera.Core.Data;

/// <summary>
/// Static facts about one asset: canonical identity, the sector it belongs to and the asset type.
/// The exchange is part of <see cref="Id"/> (empty when the source did not say).
/// </summary>
public sealed record SymbolMetadata(SymbolId Id, string Sector, string AssetType = "spot")
{
    public string Exchange => Id.Exchange;

    public string Identity => Id.ToString();
}
