namespace Tessera.Trading.Ledger;

/// <summary>A page of a day's blocks for <c>tessera audit show</c>: <see cref="NextIndex"/> is null on the last page.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerBlock> Blocks, long TotalBlocks, long? NextIndex);
