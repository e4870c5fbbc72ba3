using System.Text.Json;
using Tessera.Exchange.Json;
using Tessera.Exchange.Market;

namespace Tessera.Exchange.Streaming;

/// <summary>The market data stream's JSON: control messages, errors, subscriptions, and each data message type.</summary>
internal static class MarketDataFrames
{
    public static byte[] Connected { get; } = """[{"T":"success","msg":"connected"}]"""u8.ToArray();

    public static byte[] Authenticated { get; } = """[{"T":"success","msg":"authenticated"}]"""u8.ToArray();

    public static string ErrorMessage(int code) => code switch
    {
        400 => "invalid syntax",
        401 => "not authenticated",
        402 => "auth failed",
        403 => "already authenticated",
        404 => "auth timeout",
        405 => "symbol limit exceeded",
        406 => "connection limit exceeded",
        407 => "slow client",
        408 => "v2 not enabled",
        409 => "insufficient subscription",
        410 => "invalid subscribe action",
        411 => "insufficient scope",
        _ => "internal error",
    };

    /// <summary>Error codes after which the server closes the session.</summary>
    public static bool EndsSession(int code) => code is 401 or 402 or 404 or 406 or 407 or 408 or 409 or 411 or 500;

    public static byte[] Error(int code) => ExchangeJson.Write(w =>
    {
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("T", "error");
        w.WriteNumber("code", code);
        w.WriteString("msg", ErrorMessage(code));
        w.WriteEndObject();
        w.WriteEndArray();
    });

    public static byte[] Subscription(Subscriptions s) => ExchangeJson.Write(w =>
    {
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("T", "subscription");
        foreach (var (name, symbols) in s.Lists())
        {
            w.WriteStartArray(name);
            foreach (var sym in symbols)
            {
                w.WriteStringValue(sym);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndArray();
    });

    public static void WriteEvent(Utf8JsonWriter w, MarketEvent e, string symbol)
    {
        w.WriteStartObject();
        switch (e.Kind)
        {
            case MarketEventKind.Trade:
                w.WriteString("T", "t");
                w.WriteString("S", symbol);
                w.WriteNumber("i", e.Id);
                Venue(w, "x", e.Venue);
                w.WriteNumber("p", e.Price);
                w.WriteNumber("s", e.Size);
                w.WriteStartArray("c");
                w.WriteStringValue("@");
                if (e.Text is "T")
                {
                    w.WriteStringValue("T");
                }

                w.WriteEndArray();
                ExchangeJson.MsTime(w, "t", e.Time);
                w.WriteString("z", "B");
                break;
            case MarketEventKind.Quote:
                w.WriteString("T", "q");
                w.WriteString("S", symbol);
                Venue(w, "bx", e.Venue);
                w.WriteNumber("bp", e.Bid);
                w.WriteNumber("bs", e.BidSize);
                Venue(w, "ax", e.Venue);
                w.WriteNumber("ap", e.Ask);
                w.WriteNumber("as", e.AskSize);
                w.WriteStartArray("c");
                w.WriteStringValue("R");
                w.WriteEndArray();
                ExchangeJson.MsTime(w, "t", e.Time);
                w.WriteString("z", "B");
                break;
            case MarketEventKind.Bar:
            case MarketEventKind.UpdatedBar:
            case MarketEventKind.DailyBar:
                w.WriteString("T", e.Kind == MarketEventKind.Bar ? "b" : e.Kind == MarketEventKind.UpdatedBar ? "u" : "d");
                w.WriteString("S", symbol);
                w.WriteNumber("o", e.Bar.Open);
                w.WriteNumber("h", e.Bar.High);
                w.WriteNumber("l", e.Bar.Low);
                w.WriteNumber("c", e.Bar.Close);
                w.WriteNumber("v", e.Bar.Volume);
                ExchangeJson.MsTime(w, "t", e.Bar.Start);
                w.WriteNumber("n", e.Bar.Trades);
                w.WriteNumber("vw", Math.Round(e.Bar.Vwap, 6));
                break;
            case MarketEventKind.Status:
                w.WriteString("T", "s");
                w.WriteString("S", symbol);
                w.WriteString("sc", e.Text);
                w.WriteString("sm", e.Text2);
                w.WriteString("rc", string.Empty);
                w.WriteString("rm", string.Empty);
                ExchangeJson.MsTime(w, "t", e.Time);
                w.WriteString("z", "B");
                break;
            case MarketEventKind.Luld:
                w.WriteString("T", "l");
                w.WriteString("S", symbol);
                w.WriteNumber("u", e.Ask);
                w.WriteNumber("d", e.Bid);
                w.WriteString("i", e.Text);
                ExchangeJson.MsTime(w, "t", e.Time);
                w.WriteString("z", "B");
                break;
            case MarketEventKind.Correction:
                w.WriteString("T", "c");
                w.WriteString("S", symbol);
                Venue(w, "x", e.Venue);
                w.WriteNumber("oi", e.Id);
                w.WriteNumber("op", e.Price);
                w.WriteNumber("os", e.Size);
                w.WriteStartArray("oc");
                w.WriteStringValue("@");
                w.WriteEndArray();
                w.WriteNumber("ci", e.CorrectedId);
                w.WriteNumber("cp", e.Bid);
                w.WriteNumber("cs", e.BidSize);
                w.WriteStartArray("cc");
                w.WriteStringValue("@");
                w.WriteEndArray();
                ExchangeJson.MsTime(w, "t", e.Time);
                w.WriteString("z", "B");
                break;
            case MarketEventKind.CancelError:
                w.WriteString("T", "x");
                w.WriteString("S", symbol);
                w.WriteNumber("i", e.Id);
                Venue(w, "x", e.Venue);
                w.WriteNumber("p", e.Price);
                w.WriteNumber("s", e.Size);
                w.WriteString("a", e.Text);
                ExchangeJson.MsTime(w, "t", e.Time);
                w.WriteString("z", "B");
                break;
        }

        w.WriteEndObject();
    }

    private static void Venue(Utf8JsonWriter w, string name, byte venue)
    {
        Span<byte> one = [venue == 0 ? (byte)'V' : venue];
        w.WriteString(name, one);
    }
}
