using Tessera.Exchange.Trading;

namespace Tessera.Exchange.Market;

/// <summary>
/// The live state of one symbol during a replay: last print, quote in force and the liquidity left at its touch,
/// bars being built, the session's daily bar, the previous close, and the orders working on it (in arrival order).
/// Prices are doubles here (market data); the trading side converts to decimal when money moves.
/// </summary>
public sealed class SymbolState(int index, AssetInfo asset)
{
    public int Index { get; } = index;

    public AssetInfo Asset { get; } = asset;

    public string Symbol => Asset.Symbol;

    public bool HasTrade { get; private set; }

    public double LastPrice { get; private set; } = double.NaN;

    public long LastTime { get; private set; }

    public double LastSize { get; private set; }

    public byte LastVenue { get; private set; }

    /// <summary>Trade ids are per symbol and per replay, ascending.</summary>
    public long TradeSequence { get; set; }

    public bool HasQuote { get; private set; }

    public double Bid { get; private set; }

    public double Ask { get; private set; }

    public double BidSize { get; private set; }

    public double AskSize { get; private set; }

    public byte QuoteVenue { get; private set; }

    public long QuoteTime { get; set; }

    /// <summary>Size still available at the ask / bid to incoming marketable orders (reset by each quote).</summary>
    public double AskAvailable { get; set; }

    public double BidAvailable { get; set; }

    /// <summary>+1 last print at the ask (uptick), -1 at the bid.</summary>
    public int TickSide { get; set; }

    /// <summary>The previous session's last regular price (lastday_price, change_today).</summary>
    public double PreviousClose { get; set; } = double.NaN;

    /// <summary>The first regular-session print of the current session has not happened yet: it is the opening auction.</summary>
    public bool AwaitingOpen { get; set; } = true;

    public List<ExchangeOrder> WorkingOrders { get; } = [];

    // Minute bar under construction.
    public long BarStart { get; set; } = long.MinValue;
    public double BarOpen { get; set; }
    public double BarHigh { get; set; }
    public double BarLow { get; set; }
    public double BarClose { get; set; }
    public double BarVolume { get; set; }
    public double BarNotional { get; set; }
    public long BarTrades { get; set; }

    // Daily bar of the current session.
    public DateOnly DayDate { get; set; }
    public bool HasDay { get; set; }
    public long DayStart { get; set; }
    public double DayOpen { get; set; }
    public double DayHigh { get; set; }
    public double DayLow { get; set; }
    public double DayClose { get; set; }
    public double DayVolume { get; set; }
    public double DayNotional { get; set; }
    public long DayTrades { get; set; }

    public BarRecord? PreviousDay { get; set; }

    /// <summary>Completed minute bars, ascending (GET /v2/stocks/bars reads them).</summary>
    public List<BarRecord> MinuteBars { get; } = [];

    /// <summary>Completed daily bars, ascending.</summary>
    public List<BarRecord> DailyBars { get; } = [];

    /// <summary>Corrections of prints in the minute being built, published after its bar.</summary>
    public List<MarketEvent> PendingCorrections { get; } = [];

    /// <summary>LULD reference price last published.</summary>
    public double LuldReference { get; set; } = double.NaN;

    public decimal LastPriceDecimal => HasTrade ? (decimal)LastPrice : 0m;

    public void RecordTrade(long time, double price, double size, byte venue)
    {
        HasTrade = true;
        LastTime = time;
        LastPrice = price;
        LastSize = size;
        LastVenue = venue;
    }

    public void SetQuote(double bid, double ask, double bidSize, double askSize, byte venue)
    {
        HasQuote = true;
        Bid = bid;
        Ask = ask;
        BidSize = bidSize;
        AskSize = askSize;
        QuoteVenue = venue;
        BidAvailable = bidSize;
        AskAvailable = askSize;
    }

    public BarRecord CurrentDay => new(DayStart, DayOpen, DayHigh, DayLow, DayClose, DayVolume, DayTrades, DayVolume > 0 ? DayNotional / DayVolume : DayClose);

    public BarRecord CurrentMinute => new(BarStart, BarOpen, BarHigh, BarLow, BarClose, BarVolume, BarTrades, BarVolume > 0 ? BarNotional / BarVolume : BarClose);
}
