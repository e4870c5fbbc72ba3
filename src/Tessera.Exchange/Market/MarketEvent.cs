namespace Tessera.Exchange.Market;

public enum MarketEventKind : byte
{
    Trade,
    Quote,
    Bar,
    UpdatedBar,
    DailyBar,
    Status,
    Luld,
    Correction,
    CancelError,
}

/// <summary>
/// One market data stream message before serialization (a flat struct: the replay produces hundreds of thousands).
/// Field use per kind: trade/cancel error (Id, Price, Size, Venue), quote (Bid, Ask, BidSize, AskSize, Venue), bars
/// (bar fields, Time = bar start), LULD (Bid = limit down, Ask = limit up), correction (original in Price/Size/Id,
/// corrected in Bid/BidSize/CorrectedId), status (Text = status code, Text2 = status message).
/// </summary>
public struct MarketEvent
{
    public MarketEventKind Kind;
    public int Symbol;
    public long Time;
    public long Id;
    public long CorrectedId;
    public double Price;
    public double Size;
    public double Bid;
    public double Ask;
    public double BidSize;
    public double AskSize;
    public byte Venue;
    public BarRecord Bar;
    public string? Text;
    public string? Text2;
}
