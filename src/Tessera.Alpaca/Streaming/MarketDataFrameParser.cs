using System.Text;
using System.Text.Json;
using Tessera.Alpaca.Json;
using Tessera.Alpaca.Model;

namespace Tessera.Alpaca.Streaming;

/// <summary>
/// Parses market data stream frames (a JSON array of messages keyed by "T") with a forward-only reader: no DOM,
/// repeated short strings shared. Lenient: unknown message types and unknown fields are skipped and counted,
/// missing optional fields take defaults. A frame that is not JSON at all raises <see cref="JsonException"/>.
/// </summary>
public sealed class MarketDataFrameParser
{
    private readonly Utf8StringCache _strings = new();
    private readonly List<string> _conditions = [];
    private readonly List<string> _conditions2 = [];

    /// <summary>Messages of a type this client does not know (a type Alpaca added later).</summary>
    public long UnknownMessages { get; private set; }

    public void Parse(ReadOnlySpan<byte> frame, List<MarketDataMessage> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read())
        {
            return;
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadMessage(ref reader, output);
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("a market data frame is a JSON array");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadMessage(ref reader, output);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private void ReadMessage(ref Utf8JsonReader reader, List<MarketDataMessage> output)
    {
        var f = default(Fields);
        _conditions.Clear();
        _conditions2.Clear();
        SubscriptionSet? subs = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.Length <= 2)
            {
                ReadShort(ref reader, name, ref f);
            }
            else if (name.SequenceEqual("msg"u8))
            {
                f.Msg = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (name.SequenceEqual("code"u8))
            {
                f.Code = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var c) ? c : 0;
            }
            else if (reader.TokenType == JsonTokenType.StartArray && IsChannel(name))
            {
                subs ??= new SubscriptionSet();
                subs = subs.With(Encoding.UTF8.GetString(name), ReadStrings(ref reader));
            }
            else
            {
                reader.Skip();
            }
        }

        var message = Build(ref f, subs);
        if (message is null)
        {
            UnknownMessages++;
        }
        else
        {
            output.Add(message);
        }
    }

    private void ReadShort(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, ref Fields f)
    {
        var tok = reader.TokenType;
        if (tok == JsonTokenType.StartArray)
        {
            // "c" is the condition list of a trade/quote; "oc"/"cc" the original and corrected conditions.
            var target = name.SequenceEqual("cc"u8) ? _conditions2 : _conditions;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    target.Add(_strings.Get(reader.ValueSpan));
                }
            }

            return;
        }

        if (tok is JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        switch (name.Length == 1 ? (char)name[0] : '\0')
        {
            case 'T': f.T = Str(ref reader); return;
            case 'S': f.S = Str(ref reader); return;
            case 'i':
                // A print id (number) on trades and cancels; the LULD indicator (string) on "l".
                if (reader.TokenType == JsonTokenType.String)
                {
                    f.IText = Str(ref reader);
                }
                else
                {
                    f.I = Long(ref reader);
                }

                return;
            case 'x': f.X = Str(ref reader); return;
            case 'p': f.P = Dec(ref reader); return;
            case 's': f.Size = Dec(ref reader); return;
            case 't': f.Time = Time(ref reader); return;
            case 'z': f.Z = Str(ref reader); return;
            case 'o': f.O = Dec(ref reader); return;
            case 'h': f.H = Dec(ref reader); return;
            case 'l': f.L = Dec(ref reader); return;
            case 'c': f.C = Dec(ref reader); return;
            case 'v': f.V = Dec(ref reader); return;
            case 'n': f.N = Long(ref reader); return;
            case 'u': f.U = Dec(ref reader); return;
            case 'd': f.D = Dec(ref reader); return;
            case 'a': f.A = Str(ref reader); return;
            case '\0': break;
            default: return;
        }

        if (name.SequenceEqual("vw"u8)) { f.Vw = Dec(ref reader); }
        else if (name.SequenceEqual("bx"u8)) { f.Bx = Str(ref reader); }
        else if (name.SequenceEqual("bp"u8)) { f.Bp = Dec(ref reader); }
        else if (name.SequenceEqual("bs"u8)) { f.Bs = Dec(ref reader); }
        else if (name.SequenceEqual("ax"u8)) { f.Ax = Str(ref reader); }
        else if (name.SequenceEqual("ap"u8)) { f.Ap = Dec(ref reader); }
        else if (name.SequenceEqual("as"u8)) { f.As = Dec(ref reader); }
        else if (name.SequenceEqual("sc"u8)) { f.Sc = Str(ref reader); }
        else if (name.SequenceEqual("sm"u8)) { f.Sm = Str(ref reader); }
        else if (name.SequenceEqual("rc"u8)) { f.Rc = Str(ref reader); }
        else if (name.SequenceEqual("rm"u8)) { f.Rm = Str(ref reader); }
        else if (name.SequenceEqual("oi"u8)) { f.Oi = Long(ref reader); }
        else if (name.SequenceEqual("op"u8)) { f.Op = Dec(ref reader); }
        else if (name.SequenceEqual("os"u8)) { f.Os = Dec(ref reader); }
        else if (name.SequenceEqual("ci"u8)) { f.Ci = Long(ref reader); }
        else if (name.SequenceEqual("cp"u8)) { f.Cp = Dec(ref reader); }
        else if (name.SequenceEqual("cs"u8)) { f.Cs = Dec(ref reader); }
    }

    private MarketDataMessage? Build(ref Fields f, SubscriptionSet? subs)
    {
        var s = f.S ?? string.Empty;
        switch (f.T)
        {
            case "t":
                return new StreamTrade(new Trade { Symbol = s, Id = f.I, Exchange = f.X, Price = f.P, Size = f.Size, Conditions = Conditions(_conditions), Timestamp = f.Time, Tape = f.Z });
            case "q":
                return new StreamQuote(new Quote { Symbol = s, BidExchange = f.Bx, BidPrice = f.Bp, BidSize = f.Bs, AskExchange = f.Ax, AskPrice = f.Ap, AskSize = f.As, Conditions = Conditions(_conditions), Timestamp = f.Time, Tape = f.Z });
            case "b":
            case "u":
            case "d":
                var bar = new Bar { Symbol = s, Open = f.O, High = f.H, Low = f.L, Close = f.C, Volume = f.V, Timestamp = f.Time, TradeCount = f.N, Vwap = f.Vw };
                return new StreamBar(bar, f.T == "b" ? StreamBarKind.Minute : f.T == "u" ? StreamBarKind.Updated : StreamBarKind.Daily);
            case "s":
                return new StreamStatus(s, f.Sc ?? string.Empty, f.Sm ?? string.Empty, f.Rc ?? string.Empty, f.Rm ?? string.Empty, f.Time, f.Z);
            case "c":
                return new StreamCorrection(s, f.X, f.Oi, f.Op, f.Os, Conditions(_conditions), f.Ci, f.Cp, f.Cs, Conditions(_conditions2), f.Time, f.Z);
            case "x":
                return new StreamCancelError(s, f.I, f.X, f.P, f.Size, f.A ?? string.Empty, f.Time, f.Z);
            case "l":
                return new StreamLuld(s, f.U, f.D, f.IText ?? string.Empty, f.Time, f.Z);
            case "success":
                return new StreamSuccess(f.Msg ?? string.Empty);
            case "error":
                return new StreamError(StreamErrorCodes.FromRaw(f.Code), f.Code, f.Msg ?? string.Empty);
            case "subscription":
                return new StreamSubscription(subs ?? new SubscriptionSet());
            default:
                return null;
        }
    }

    private static IReadOnlyList<string> Conditions(List<string> list) => list.Count == 0 ? [] : [.. list];

    private static bool IsChannel(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("trades"u8) || name.SequenceEqual("quotes"u8) || name.SequenceEqual("bars"u8) || name.SequenceEqual("updatedBars"u8)
        || name.SequenceEqual("dailyBars"u8) || name.SequenceEqual("statuses"u8) || name.SequenceEqual("lulds"u8)
        || name.SequenceEqual("corrections"u8) || name.SequenceEqual("cancelErrors"u8);

    private List<string> ReadStrings(ref Utf8JsonReader reader)
    {
        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                list.Add(_strings.Get(reader.ValueSpan));
            }
        }

        return list;
    }

    private string? Str(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped ? _strings.Get(reader.ValueSpan)
        : reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    private static long Long(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v) ? v : 0;

    private static decimal Dec(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetDecimal(out var v) => v,
        JsonTokenType.String when AlpacaDecimal.TryParse(reader.ValueSpan, out var s) => s,
        _ => 0m,
    };

    private static DateTimeOffset Time(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > 64)
        {
            return default;
        }

        Span<char> chars = stackalloc char[64];
        var n = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        return Rfc3339.TryParse(chars[..n], out var t) ? t : default;
    }

    private struct Fields
    {
        public string? T;
        public string? S;
        public long I;
        public string? IText;
        public string? X;
        public decimal P;
        public decimal Size;
        public DateTimeOffset Time;
        public string? Z;
        public decimal O;
        public decimal H;
        public decimal L;
        public decimal C;
        public decimal V;
        public long? N;
        public decimal? Vw;
        public decimal U;
        public decimal D;
        public string? A;
        public string? Bx;
        public decimal Bp;
        public decimal Bs;
        public string? Ax;
        public decimal Ap;
        public decimal As;
        public string? Sc;
        public string? Sm;
        public string? Rc;
        public string? Rm;
        public long Oi;
        public decimal Op;
        public decimal Os;
        public long Ci;
        public decimal Cp;
        public decimal Cs;
        public string? Msg;
        public int Code;
    }
}
