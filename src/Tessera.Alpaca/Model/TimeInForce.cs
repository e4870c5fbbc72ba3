namespace Tessera.Alpaca.Model;

/// <summary>Alpaca time-in-force values: day, good-till-canceled, at the open, at the close, immediate-or-cancel, fill-or-kill.</summary>
public enum TimeInForce
{
    Unknown = 0,
    Day,
    Gtc,
    Opg,
    Cls,
    Ioc,
    Fok,
}
