namespace Tessera.Core.Data.Import;

/// <summary>Role of a column in a bar file, after header aliases are resolved.</summary>
internal enum BarColumn
{
    Ignored = 0,
    Symbol,
    Timestamp,
    Open,
    High,
    Low,
    Close,
    AdjustedClose,
    Volume,
    BidClose,
    AskClose,
}
