namespace Tessera.Alpaca.Model;

/// <summary>The <c>status</c> filter of GET /v2/orders.</summary>
public enum OrderStatusFilter
{
    Unknown = 0,
    Open,
    Closed,
    All,
}
