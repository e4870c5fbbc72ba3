namespace Tessera.Alpaca.Model;

public enum SortDirection
{
    Unknown = 0,
    Asc,
    Desc,
}
