using Tessera.Core.Markets;
using System.Net.Http.Headers;
using System.Text;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Rest;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;

namespace Tessera.Exchange.Tests.Support;

/// <summary>
/// A real exchange on 127.0.0.1 (free port, manual clock unless asked otherwise) and clients pointed at it: the
/// Alpaca trading and market data clients, and a raw HttpClient for requests the client would never send.
/// Disposing stops the exchange.
/// </summary>
public sealed class LocalExchange : IAsyncDisposable
{
    public const string KeyId = "TEST-KEY-ID";
    public const string Secret = "test-secret-value";

    private LocalExchange(ExchangeHost host, AlpacaClientOptions options)
    {
        Host = host;
        ClientOptions = options;
        Trading = new AlpacaTradingClient(options);
        Data = new AlpacaMarketDataClient(options);
        Raw = new HttpClient { BaseAddress = host.BaseAddress };
        Raw.DefaultRequestHeaders.Add("APCA-API-KEY-ID", KeyId);
        Raw.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", Secret);
    }

    public ExchangeHost Host { get; }

    public AlpacaClientOptions ClientOptions { get; }

    public AlpacaTradingClient Trading { get; }

    public AlpacaMarketDataClient Data { get; }

    public HttpClient Raw { get; }

    public static async Task<LocalExchange> StartAsync(MarketTape tape, string startEt, Func<ExchangeOptions, ExchangeOptions>? configure = null, Func<AlpacaClientOptions, AlpacaClientOptions>? client = null)
    {
        var options = new ExchangeOptions
        {
            Tape = tape,
            ClockMode = ClockMode.Manual,
            Start = Tapes.Et(startEt),
            KeyId = KeyId,
            SecretKey = Secret,
            RateLimitPerMinute = 0,
            Venue = new VenueOptions { Costs = CostModel.Free },
            PersistInterval = TimeSpan.FromMilliseconds(50),
        };
        var host = await ExchangeHost.StartAsync(configure?.Invoke(options) ?? options);
        var clientOptions = new AlpacaClientOptions
        {
            Endpoints = AlpacaEndpoints.Local(host.BaseAddress),
            Credentials = new AlpacaCredentials(KeyId, Secret),
            RequestsPerMinute = 0,
            RequestTimeout = TimeSpan.FromSeconds(10),
            ReconcileDelay = TimeSpan.FromMilliseconds(10),
        };
        return new LocalExchange(host, client?.Invoke(clientOptions) ?? clientOptions);
    }

    public Task AdvanceAsync(string et) => Host.AdvanceToAsync(Tapes.Et(et));

    public async Task<(int Status, string Body, HttpResponseHeaders Headers)> SendAsync(HttpMethod method, string path, string? json = null, bool auth = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (!auth)
        {
            request.Headers.TryAddWithoutValidation("APCA-API-KEY-ID", "wrong");
            request.Headers.TryAddWithoutValidation("APCA-API-SECRET-KEY", "wrong");
        }

        using var client = auth ? null : new HttpClient { BaseAddress = Host.BaseAddress };
        using var response = await (client ?? Raw).SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);
    }

    public async ValueTask DisposeAsync()
    {
        Trading.Dispose();
        Data.Dispose();
        Raw.Dispose();
        await Host.DisposeAsync();
    }
}
