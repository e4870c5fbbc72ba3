namespace Tessera.Alpaca.Model;

public enum AssetStatus
{
    Unknown = 0,
    Active,
    Inactive,
}
