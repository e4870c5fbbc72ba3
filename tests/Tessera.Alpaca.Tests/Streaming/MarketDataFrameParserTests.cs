using System.Text;
using System.Text.Json;
using Tessera.Alpaca.Streaming;
using Xunit;

namespace Tessera.Alpaca.Tests.Streaming;

public sealed class MarketDataFrameParserTests
{
    private static List<MarketDataMessage> Parse(string frame)
    {
        var list = new List<MarketDataMessage>();
        new MarketDataFrameParser().Parse(Encoding.UTF8.GetBytes(frame), list);
        return list;
    }

    [Fact]
    public void Every_message_type_of_the_stream_is_read()
    {
        const string frame = """
            [{"T":"t","S":"SPY","i":52983525029461,"x":"P","p":167.41,"s":100,"c":["@","T"],"t":"2013-10-07T08:00:00.464123456Z","z":"B"},
             {"T":"q","S":"SPY","bx":"P","bp":167.4,"bs":3,"ax":"Q","ap":167.42,"as":5,"c":["R"],"t":"2013-10-07T08:00:00.5Z","z":"B"},
             {"T":"b","S":"SPY","o":1,"h":2,"l":0.5,"c":1.5,"v":1000,"t":"2013-10-07T13:30:00Z","n":7,"vw":1.2},
             {"T":"u","S":"SPY","o":1,"h":2.5,"l":0.5,"c":1.5,"v":1100,"t":"2013-10-07T13:30:00Z","n":8,"vw":1.25},
             {"T":"d","S":"SPY","o":1,"h":3,"l":0.5,"c":2,"v":90000,"t":"2013-10-07T04:00:00Z","n":900,"vw":1.9},
             {"T":"s","S":"SPY","sc":"H","sm":"Trading Halt","rc":"T12","rm":"Additional Information Requested","t":"2013-10-07T14:00:00Z","z":"B"},
             {"T":"c","S":"SPY","x":"P","oi":1,"op":167.41,"os":100,"oc":["@"],"ci":2,"cp":167.42,"cs":100,"cc":["@","F"],"t":"2013-10-07T14:00:01Z","z":"B"},
             {"T":"x","S":"SPY","i":3,"x":"P","p":167.4,"s":50,"a":"C","t":"2013-10-07T14:00:02Z","z":"B"},
             {"T":"l","S":"SPY","u":175.78,"d":159.04,"i":"B","t":"2013-10-07T14:00:03Z","z":"B"},
             {"T":"success","msg":"authenticated"},
             {"T":"error","code":406,"msg":"connection limit exceeded"},
             {"T":"subscription","trades":["SPY"],"quotes":[],"bars":["*"],"updatedBars":[],"dailyBars":[],"statuses":[],"lulds":[],"corrections":["SPY"],"cancelErrors":["SPY"]},
             {"T":"option_greeks","S":"SPY","delta":0.5}]
            """;
        var m = Parse(frame);
        Assert.Equal(12, m.Count);
        var trade = Assert.IsType<StreamTrade>(m[0]).Trade;
        Assert.Equal(52983525029461L, trade.Id);
        Assert.Equal(167.41m, trade.Price);
        Assert.Equal(["@", "T"], trade.Conditions);
        var quote = Assert.IsType<StreamQuote>(m[1]).Quote;
        Assert.Equal(167.42m, quote.AskPrice);
        Assert.Equal(StreamBarKind.Minute, Assert.IsType<StreamBar>(m[2]).Kind);
        Assert.Equal(1.5m, Assert.IsType<StreamBar>(m[2]).Bar.Close);
        Assert.Equal(StreamBarKind.Updated, Assert.IsType<StreamBar>(m[3]).Kind);
        Assert.Equal(StreamBarKind.Daily, Assert.IsType<StreamBar>(m[4]).Kind);
        Assert.Equal("H", Assert.IsType<StreamStatus>(m[5]).StatusCode);
        var correction = Assert.IsType<StreamCorrection>(m[6]);
        Assert.Equal((1L, 167.41m, 2L, 167.42m), (correction.OriginalId, correction.OriginalPrice, correction.CorrectedId, correction.CorrectedPrice));
        Assert.Equal(["@", "F"], correction.CorrectedConditions);
        Assert.Equal("C", Assert.IsType<StreamCancelError>(m[7]).Action);
        var luld = Assert.IsType<StreamLuld>(m[8]);
        Assert.Equal(("B", 175.78m), (luld.Indicator, luld.LimitUp));
        Assert.Equal("authenticated", Assert.IsType<StreamSuccess>(m[9]).Message);
        Assert.Equal(StreamErrorCode.ConnectionLimitExceeded, Assert.IsType<StreamError>(m[10]).Code);
        var subs = Assert.IsType<StreamSubscription>(m[11]).Subscriptions;
        Assert.Equal(["SPY"], subs.Trades);
        Assert.Equal(["*"], subs.Bars);
        Assert.Equal(["SPY"], subs.CancelErrors);
    }

    [Theory]
    [InlineData(400, StreamErrorCode.InvalidSyntax)]
    [InlineData(401, StreamErrorCode.NotAuthenticated)]
    [InlineData(402, StreamErrorCode.AuthFailed)]
    [InlineData(403, StreamErrorCode.AlreadyAuthenticated)]
    [InlineData(404, StreamErrorCode.AuthTimeout)]
    [InlineData(405, StreamErrorCode.SymbolLimitExceeded)]
    [InlineData(406, StreamErrorCode.ConnectionLimitExceeded)]
    [InlineData(407, StreamErrorCode.SlowClient)]
    [InlineData(408, StreamErrorCode.V2NotEnabled)]
    [InlineData(409, StreamErrorCode.InsufficientSubscription)]
    [InlineData(410, StreamErrorCode.InvalidSubscribeAction)]
    [InlineData(411, StreamErrorCode.InsufficientScope)]
    [InlineData(500, StreamErrorCode.InternalError)]
    [InlineData(499, StreamErrorCode.Unknown)]
    public void Every_error_code_maps(int raw, StreamErrorCode code)
    {
        var error = Assert.IsType<StreamError>(Assert.Single(Parse($$"""[{"T":"error","code":{{raw}},"msg":"m"}]""")));
        Assert.Equal(code, error.Code);
        Assert.Equal(raw, error.RawCode);
    }

    [Fact]
    public void Only_codes_that_reconnecting_cannot_cure_are_fatal()
    {
        Assert.True(StreamErrorCodes.IsFatal(StreamErrorCode.AuthFailed));
        Assert.True(StreamErrorCodes.IsFatal(StreamErrorCode.InsufficientSubscription));
        Assert.False(StreamErrorCodes.IsFatal(StreamErrorCode.ConnectionLimitExceeded));
        Assert.False(StreamErrorCodes.IsFatal(StreamErrorCode.SlowClient));
    }

    [Fact]
    public void Unknown_types_are_counted_and_skipped()
    {
        var parser = new MarketDataFrameParser();
        var list = new List<MarketDataMessage>();
        parser.Parse("""[{"T":"zz","S":"A"},{"T":"t","S":"A","i":1,"p":1,"s":1,"t":"2024-01-02T15:00:00Z","extra":{"a":[1]}}]"""u8, list);
        Assert.Single(list);
        Assert.Equal(1, parser.UnknownMessages);
    }

    [Fact]
    public void A_frame_that_is_not_JSON_is_an_error() =>
        Assert.ThrowsAny<JsonException>(() => Parse("[{\"T\":\"t\","));
}
