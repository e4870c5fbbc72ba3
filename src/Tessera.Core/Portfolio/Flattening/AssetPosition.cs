namespace Tessera.Core.Portfolio.Flattening;

/// <summary>
/// One asset after flattening: gross long and short weight from its atoms, the net weight
/// (long - short) actually held, the amount netted away, and whether a cap cut it.
/// </summary>
public sealed record AssetPosition(string AssetId, double LongWeight, double ShortWeight, double NetWeight, double Netted, bool Capped);

/// <summary>Asset positions with their risk contributions and one note per decision taken.</summary>
public sealed record FlatteningResult(IReadOnlyList<AssetPosition> Positions, IReadOnlyDictionary<string, double> RiskContributions, double GrossExposure, double NetExposure, IReadOnlyList<string> Notes);
