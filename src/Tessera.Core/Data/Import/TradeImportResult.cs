namespace Tessera.Core.Data.Import;

/// <summary>One trade tape per symbol (ordinal symbol order, time-ordered) and the import report.</summary>
public sealed record TradeImportResult(IReadOnlyList<TradeTape> Tapes, ImportReport Report);
