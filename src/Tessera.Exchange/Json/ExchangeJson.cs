using Tessera.Core.Markets;
using System.Buffers;
using System.Text.Json;
using Tessera.Alpaca.Json;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Errors;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;
using Tessera.Core;
using Tessera.Exchange.Trading;

namespace Tessera.Exchange.Json;

/// <summary>
/// Alpaca's JSON shapes, written field by field (not by serializing shared models), so the contract tests compare two
/// independent spellings of the protocol: this writer and the client's parser. Trading API decimals are strings,
/// market data numbers are numbers, timestamps RFC 3339 in UTC (the clock in New York time, as Alpaca does).
/// </summary>
public static class ExchangeJson
{
    /// <summary>Messages keep "&gt;" and quotes readable, as Alpaca's do (the body is JSON, never HTML).</summary>
    public static JsonWriterOptions Options { get; } = new() { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            body(w);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(ExchangeError error) => Write(w => WriteError(w, error));

    public static void WriteError(Utf8JsonWriter w, ExchangeError error)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(error);
        w.WriteStartObject();
        if (error.Code is { } code)
        {
            w.WriteNumber("code", code);
        }

        w.WriteString("message", error.Message);
        foreach (var (k, v) in error.Extra ?? [])
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
    }

    public static byte[] Order(ExchangeOrder order, bool nested) => Write(w => WriteOrder(w, order, nested));

    public static void WriteOrder(Utf8JsonWriter w, ExchangeOrder o, bool nested)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(o);
        w.WriteStartObject();
        w.WriteString("id", o.Id);
        w.WriteString("client_order_id", o.ClientOrderId);
        Time(w, "created_at", o.CreatedAt);
        Time(w, "updated_at", o.UpdatedAt);
        Time(w, "submitted_at", o.SubmittedAt);
        Time(w, "filled_at", o.FilledAt);
        Time(w, "expired_at", o.ExpiredAt);
        Time(w, "canceled_at", o.CanceledAt);
        Time(w, "failed_at", o.FailedAt);
        Time(w, "replaced_at", o.ReplacedAt);
        Id(w, "replaced_by", o.ReplacedBy);
        Id(w, "replaces", o.Replaces);
        w.WriteString("asset_id", o.Symbol.Asset.Id);
        w.WriteString("symbol", o.Symbol.Symbol);
        w.WriteString("asset_class", Wire<AssetClass>.Name(o.Symbol.Asset.Class));
        Dec(w, "notional", o.Notional);
        Dec(w, "qty", o.Notional is not null && o.FilledQty == 0 ? null : o.Qty);
        Dec(w, "filled_qty", o.FilledQty);
        Dec(w, "filled_avg_price", o.AverageFillPrice);
        // Alpaca sends "" for simple orders.
        w.WriteString("order_class", o.Class == OrderClass.Simple ? string.Empty : Wire<OrderClass>.Name(o.Class));
        w.WriteString("order_type", Wire<OrderType>.Name(o.Type));
        w.WriteString("type", Wire<OrderType>.Name(o.Type));
        w.WriteString("side", Wire<OrderSide>.Name(o.Side));
        w.WriteString("time_in_force", Wire<TimeInForce>.Name(o.TimeInForce));
        Dec(w, "limit_price", o.LimitPrice);
        Dec(w, "stop_price", o.StopPrice);
        w.WriteString("status", Wire<OrderStatus>.Name(o.Status));
        w.WriteBoolean("extended_hours", o.ExtendedHours);
        if (nested && o.Legs.Count > 0)
        {
            w.WriteStartArray("legs");
            foreach (var leg in o.Legs)
            {
                WriteOrder(w, leg, nested: false);
            }

            w.WriteEndArray();
        }
        else
        {
            w.WriteNull("legs");
        }

        Dec(w, "trail_percent", o.TrailPercent);
        Dec(w, "trail_price", o.TrailPrice);
        Dec(w, "hwm", o.Hwm);
        w.WriteEndObject();
    }

    public static byte[] TradeUpdateFrame(TradeEvent ev, ExchangeOrder order, DateTimeOffset at, Guid? executionId, decimal? price, decimal? qty, decimal? positionQty) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("stream", "trade_updates");
        w.WriteStartObject("data");
        w.WriteString("event", Wire<TradeEvent>.Name(ev));
        if (executionId is { } e)
        {
            w.WriteString("execution_id", e);
        }

        w.WritePropertyName("order");
        WriteOrder(w, order, nested: true);
        Time(w, "timestamp", at);
        if (price is not null)
        {
            Dec(w, "price", price);
            Dec(w, "qty", qty);
            Dec(w, "position_qty", positionQty);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static void WriteAccount(Utf8JsonWriter w, VenueView v)
    {
        ArgumentNullException.ThrowIfNull(w);
        var a = v.Account;
        var equity = a.Equity;
        var bp = v.BuyingPower;
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("account_number", a.AccountNumber);
        w.WriteString("status", a.TradingBlocked ? "ACCOUNT_UPDATED" : "ACTIVE");
        w.WriteString("crypto_status", "INACTIVE");
        w.WriteString("currency", "USD");
        Money(w, "buying_power", bp);
        Money(w, "regt_buying_power", a.Multiplier <= 1 ? bp : Math.Max(0, equity - a.InitialMargin) * Math.Min(a.Multiplier, 2));
        Money(w, "daytrading_buying_power", a.Multiplier >= 4 ? bp : 0m);
        Money(w, "effective_buying_power", bp);
        Money(w, "non_marginable_buying_power", Math.Max(0, a.Cash));
        Money(w, "cash", a.Cash);
        w.WriteString("accrued_fees", "0");
        Money(w, "portfolio_value", equity);
        w.WriteBoolean("trading_blocked", a.TradingBlocked);
        w.WriteBoolean("transfers_blocked", false);
        w.WriteBoolean("account_blocked", false);
        Time(w, "created_at", a.CreatedAt);
        w.WriteBoolean("trade_suspended_by_user", false);
        w.WriteString("multiplier", AlpacaDecimal.Format(AlpacaDecimal.Normalize(a.Multiplier)));
        w.WriteBoolean("shorting_enabled", a.ShortingEnabled);
        Money(w, "equity", equity);
        Money(w, "last_equity", a.LastEquity);
        Money(w, "long_market_value", a.LongMarketValue);
        Money(w, "short_market_value", a.ShortMarketValue);
        Money(w, "position_market_value", a.LongMarketValue - a.ShortMarketValue);
        Money(w, "initial_margin", a.InitialMargin);
        Money(w, "maintenance_margin", a.MaintenanceMargin);
        Money(w, "last_maintenance_margin", a.MaintenanceMargin);
        Money(w, "sma", 0m);
        w.WriteEndObject();
    }

    public static void WritePosition(Utf8JsonWriter w, ExchangePosition p, decimal heldForOrders)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(p);
        var s = p.Symbol;
        var price = p.Mark;
        var mv = p.MarketValue;
        var cost = p.CostBasis;
        var pl = mv - cost;
        var lastday = double.IsNaN(s.PreviousClose) ? price : (decimal)s.PreviousClose;
        var intraday = p.Qty * (price - lastday);
        w.WriteStartObject();
        w.WriteString("asset_id", s.Asset.Id);
        w.WriteString("symbol", s.Symbol);
        w.WriteString("exchange", s.Asset.Exchange);
        w.WriteString("asset_class", Wire<AssetClass>.Name(s.Asset.Class));
        w.WriteBoolean("asset_marginable", s.Asset.Marginable);
        Dec(w, "qty", p.Qty);
        Dec(w, "qty_available", p.Qty > 0 ? Math.Max(0, p.Qty - heldForOrders) : Math.Min(0, p.Qty + heldForOrders));
        Dec(w, "avg_entry_price", p.AvgEntryPrice);
        w.WriteString("side", (p.Qty >= 0 ? Side.Long : Side.Short).ToLowerText());
        Money(w, "market_value", mv);
        Money(w, "cost_basis", cost);
        Money(w, "unrealized_pl", pl);
        Ratio(w, "unrealized_plpc", cost == 0 ? 0 : pl / Math.Abs(cost));
        Money(w, "unrealized_intraday_pl", intraday);
        Ratio(w, "unrealized_intraday_plpc", lastday == 0 || p.Qty == 0 ? 0 : intraday / Math.Abs(p.Qty * lastday));
        Dec(w, "current_price", price);
        Dec(w, "lastday_price", lastday);
        Ratio(w, "change_today", lastday == 0 ? 0 : (price / lastday) - 1);
        w.WriteEndObject();
    }

    public static void WriteClock(Utf8JsonWriter w, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(w);
        var today = NyseCalendar.Session(UsEastern.DateOf(now));
        var isOpen = today is not null && today.IsRegular(now);
        var nextOpen = NyseCalendar.NextSessionOpeningAfter(now.AddTicks(1)).Open;
        var nextClose = NyseCalendar.NextSessionClosingAfter(now).Close;
        w.WriteStartObject();
        w.WriteString("timestamp", Rfc3339.FormatWithOffset(UsEastern.ToLocal(now)));
        w.WriteBoolean("is_open", isOpen);
        w.WriteString("next_open", Rfc3339.FormatWithOffset(UsEastern.ToLocal(nextOpen)));
        w.WriteString("next_close", Rfc3339.FormatWithOffset(UsEastern.ToLocal(nextClose)));
        w.WriteEndObject();
    }

    public static void WriteCalendarDay(Utf8JsonWriter w, TradingSession s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        w.WriteStartObject();
        w.WriteString("date", s.Date.ToString("yyyy-MM-dd", inv));
        w.WriteString("open", UsEastern.ToLocal(s.Open).ToString("HH:mm", inv));
        w.WriteString("close", UsEastern.ToLocal(s.Close).ToString("HH:mm", inv));
        w.WriteString("session_open", UsEastern.ToLocal(s.PreOpen).ToString("HHmm", inv));
        w.WriteString("session_close", UsEastern.ToLocal(s.PostClose).ToString("HHmm", inv));
        w.WriteString("settlement_date", NyseCalendar.SettlementDate(s.Date).ToString("yyyy-MM-dd", inv));
        w.WriteEndObject();
    }

    public static void WriteAsset(Utf8JsonWriter w, AssetInfo a)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(a);
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("class", Wire<AssetClass>.Name(a.Class));
        w.WriteString("exchange", a.Exchange);
        w.WriteString("symbol", a.Symbol);
        w.WriteString("name", a.Name);
        w.WriteString("status", "active");
        w.WriteBoolean("tradable", a.Tradable);
        w.WriteBoolean("marginable", a.Marginable);
        w.WriteString("maintenance_margin_requirement", "30");
        w.WriteBoolean("shortable", a.Shortable);
        w.WriteBoolean("easy_to_borrow", a.EasyToBorrow);
        w.WriteBoolean("fractionable", a.Fractionable);
        w.WriteStartArray("attributes");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteActivity(Utf8JsonWriter w, Activity a)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(a);
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("activity_type", Wire<ActivityType>.Name(a.Type));
        if (a.Type == ActivityType.Fill)
        {
            Time(w, "transaction_time", a.Time);
            w.WriteString("type", a.FillType);
            Dec(w, "price", a.Price);
            Dec(w, "qty", a.Qty);
            w.WriteString("side", Wire<OrderSide>.Name(a.Side));
            w.WriteString("symbol", a.Symbol);
            Dec(w, "leaves_qty", a.LeavesQty);
            w.WriteString("order_id", a.OrderId);
            Dec(w, "cum_qty", a.CumQty);
            w.WriteString("order_status", Wire<OrderStatus>.Name(a.OrderStatus));
        }
        else
        {
            w.WriteString("date", UsEastern.DateOf(a.Time).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            Money(w, "net_amount", a.NetAmount);
            w.WriteString("description", a.Description);
            w.WriteString("symbol", a.Symbol);
            Dec(w, "qty", a.Qty);
            w.WriteString("status", "executed");
        }

        w.WriteEndObject();
    }

    /// <summary>The stored form of an activity (every field, whatever the type).</summary>
    public static void WriteActivityRecord(Utf8JsonWriter w, Activity a)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(a);
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("activity_type", Wire<ActivityType>.Name(a.Type));
        Time(w, "time", a.Time);
        w.WriteString("symbol", a.Symbol);
        if (a.FillType is not null)
        {
            w.WriteString("type", a.FillType);
        }

        w.WriteString("price", AlpacaDecimal.Format(a.Price));
        w.WriteString("qty", AlpacaDecimal.Format(a.Qty));
        w.WriteString("side", Wire<OrderSide>.Name(a.Side));
        w.WriteString("leaves_qty", AlpacaDecimal.Format(a.LeavesQty));
        w.WriteString("cum_qty", AlpacaDecimal.Format(a.CumQty));
        w.WriteString("order_id", a.OrderId);
        w.WriteString("order_status", a.OrderStatus == OrderStatus.Unknown ? "new" : Wire<OrderStatus>.Name(a.OrderStatus));
        w.WriteString("net_amount", AlpacaDecimal.Format(a.NetAmount));
        if (a.Description is not null)
        {
            w.WriteString("description", a.Description);
        }

        w.WriteEndObject();
    }

    /// <summary>A bar of the market data REST API (numbers, not strings).</summary>
    public static void WriteBar(Utf8JsonWriter w, in BarRecord b)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        MsTime(w, "t", b.Start);
        w.WriteNumber("o", b.Open);
        w.WriteNumber("h", b.High);
        w.WriteNumber("l", b.Low);
        w.WriteNumber("c", b.Close);
        w.WriteNumber("v", b.Volume);
        w.WriteNumber("n", b.Trades);
        w.WriteNumber("vw", Math.Round(b.Vwap, 6));
        w.WriteEndObject();
    }

    public static void WriteLatestTrade(Utf8JsonWriter w, SymbolState s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject();
        MsTime(w, "t", s.LastTime);
        w.WriteString("x", [s.LastVenue]);
        w.WriteNumber("p", s.LastPrice);
        w.WriteNumber("s", s.LastSize);
        w.WriteStartArray("c");
        w.WriteStringValue("@");
        w.WriteEndArray();
        w.WriteNumber("i", s.TradeSequence);
        w.WriteString("z", "B");
        w.WriteEndObject();
    }

    public static void WriteLatestQuote(Utf8JsonWriter w, SymbolState s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject();
        MsTime(w, "t", s.QuoteTime);
        w.WriteString("ax", [s.QuoteVenue == 0 ? (byte)'V' : s.QuoteVenue]);
        w.WriteNumber("ap", s.Ask);
        w.WriteNumber("as", s.AskSize);
        w.WriteString("bx", [s.QuoteVenue == 0 ? (byte)'V' : s.QuoteVenue]);
        w.WriteNumber("bp", s.Bid);
        w.WriteNumber("bs", s.BidSize);
        w.WriteStartArray("c");
        w.WriteStringValue("R");
        w.WriteEndArray();
        w.WriteString("z", "B");
        w.WriteEndObject();
    }

    public static void WriteSnapshot(Utf8JsonWriter w, SymbolState s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject();
        if (s.HasTrade)
        {
            w.WritePropertyName("latestTrade");
            WriteLatestTrade(w, s);
        }

        if (s.HasQuote)
        {
            w.WritePropertyName("latestQuote");
            WriteLatestQuote(w, s);
        }

        if (s.MinuteBars.Count > 0)
        {
            w.WritePropertyName("minuteBar");
            WriteBar(w, s.MinuteBars[^1]);
        }

        if (s.HasDay)
        {
            w.WritePropertyName("dailyBar");
            WriteBar(w, s.CurrentDay);
        }

        if (s.PreviousDay is { } prev)
        {
            w.WritePropertyName("prevDailyBar");
            WriteBar(w, prev);
        }

        w.WriteEndObject();
    }

    public static void MsTime(Utf8JsonWriter w, string name, long unixMs)
    {
        ArgumentNullException.ThrowIfNull(w);
        Span<byte> buffer = stackalloc byte[24];
        Utf8Time.FormatMs(unixMs, buffer);
        w.WriteString(name, buffer);
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? t)
    {
        if (t is { } v)
        {
            w.WriteString(name, Rfc3339.Format(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Id(Utf8JsonWriter w, string name, Guid? id)
    {
        if (id is { } v)
        {
            w.WriteString(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Dec(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, AlpacaDecimal.Format(AlpacaDecimal.Normalize(v)));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Money(Utf8JsonWriter w, string name, decimal value) =>
        w.WriteString(name, AlpacaDecimal.Format(AlpacaDecimal.Normalize(decimal.Round(value, 2))));

    private static void Ratio(Utf8JsonWriter w, string name, decimal value) =>
        w.WriteString(name, AlpacaDecimal.Format(AlpacaDecimal.Normalize(decimal.Round(value, 6))));
}
