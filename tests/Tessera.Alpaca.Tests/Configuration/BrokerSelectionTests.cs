using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Model;
using Tessera.Core.Errors;
using Xunit;

namespace Tessera.Alpaca.Tests.Configuration;

public sealed class BrokerSelectionTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Default_is_the_local_exchange_even_when_Alpaca_keys_are_present()
    {
        var env = Env(("APCA_API_KEY_ID", "PKREAL"), ("APCA_API_SECRET_KEY", "real-secret"));
        var target = BrokerSelection.ResolveTarget(null, env);
        Assert.Equal(BrokerTarget.Local, target);
        var options = BrokerSelection.Resolve(target, env, liveConfirmed: false);
        Assert.Equal(AlpacaEnvironment.Local, options.Endpoints.Environment);
        Assert.Equal(new Uri("http://127.0.0.1:7080/"), options.Endpoints.Trading);
    }

    [Fact]
    public void The_option_wins_over_the_configured_broker()
    {
        Assert.Equal(BrokerTarget.AlpacaPaper, BrokerSelection.ResolveTarget("alpaca-paper", Env(("TESSERA_BROKER", "local"))));
        Assert.Equal(BrokerTarget.AlpacaPaper, BrokerSelection.ResolveTarget(null, Env(("TESSERA_BROKER", "alpaca-paper"))));
    }

    [Fact]
    public void An_unknown_broker_name_is_refused_naming_the_choices()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => BrokerSelection.ResolveTarget("oanda", Env()));
        Assert.Equal("--broker", ex.Field);
        Assert.Contains("alpaca-paper", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_needs_the_keys_and_says_which()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => BrokerSelection.Resolve(BrokerTarget.AlpacaPaper, Env(), false));
        Assert.Contains("APCA_API_SECRET_KEY", ex.Message, StringComparison.Ordinal);
        var ok = BrokerSelection.Resolve(BrokerTarget.AlpacaPaper, Env(("APCA_API_KEY_ID", "k"), ("APCA_API_SECRET_KEY", "s")), false);
        Assert.Equal(new Uri("https://paper-api.alpaca.markets/"), ok.Endpoints.Trading);
    }

    [Fact]
    public void Live_needs_the_explicit_confirmation()
    {
        var env = Env(("APCA_API_KEY_ID", "k"), ("APCA_API_SECRET_KEY", "s"));
        var ex = Assert.Throws<TesseraValidationException>(() => BrokerSelection.Resolve(BrokerTarget.AlpacaLive, env, liveConfirmed: false));
        Assert.Equal("--live", ex.Field);
        var live = BrokerSelection.Resolve(BrokerTarget.AlpacaLive, env, liveConfirmed: true);
        Assert.Equal(new Uri("https://api.alpaca.markets/"), live.Endpoints.Trading);
        Assert.Equal(new Uri("wss://api.alpaca.markets/stream"), live.Endpoints.TradingStream);
    }

    [Fact]
    public void Local_endpoints_serve_both_streams_on_the_same_address()
    {
        var e = AlpacaEndpoints.Local(new Uri("http://127.0.0.1:5123/anything"));
        Assert.Equal(new Uri("ws://127.0.0.1:5123/stream"), e.TradingStream);
        Assert.Equal(new Uri("ws://127.0.0.1:5123/v2/iex"), e.MarketDataStream(DataFeed.Iex));
        Assert.Equal(new Uri("ws://127.0.0.1:5123/v2/delayed_sip"), e.MarketDataStream(DataFeed.DelayedSip));
    }

    [Fact]
    public void Credentials_never_print_themselves()
    {
        var c = new AlpacaCredentials("PKABCDEFGH1234", "the-secret");
        var options = new AlpacaClientOptions { Endpoints = AlpacaEndpoints.Paper, Credentials = c };
        foreach (var text in new[] { c.ToString(), options.ToString(), c.Hint })
        {
            Assert.DoesNotContain("the-secret", text, StringComparison.Ordinal);
            Assert.DoesNotContain("PKABCDEFGH", text, StringComparison.Ordinal);
        }

        Assert.Contains("1234", c.Hint, StringComparison.Ordinal);
    }
}
