using Tessera.Core.Markets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Http;
using Tessera.Exchange.Market;
using Tessera.Exchange.Persistence;
using Tessera.Exchange.Replay;
using Tessera.Exchange.Streaming;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;

namespace Tessera.Exchange;

/// <summary>
/// A running local exchange: the venue on its virtual clock, the state restored from the store, Kestrel on
/// 127.0.0.1, both stream hubs, the replay driver and the write-behind persister. Dispose stops it all and saves.
/// </summary>
public sealed class ExchangeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ExchangeRuntime _runtime;

    private ExchangeHost(WebApplication app, ExchangeRuntime runtime, Uri baseAddress, bool restored)
    {
        _app = app;
        _runtime = runtime;
        BaseAddress = baseAddress;
        Restored = restored;
    }

    public Uri BaseAddress { get; }

    /// <summary>True when the account state came from the store (a restart), false for a fresh account.</summary>
    public bool Restored { get; }

    public Venue Venue => _runtime.Venue;

    public VirtualClock Clock => _runtime.Venue.Clock;

    public FaultInjector Faults => _runtime.Faults;

    public MarketDataHub MarketData => _runtime.MarketData;

    public TradeUpdatesHub TradeUpdates => _runtime.TradeUpdates;

    public StatePersister Persister => _runtime.Persister;

    public string StoreDescription { get; private init; } = string.Empty;

    /// <summary>Completes when the replay reached the end of the tape (not in manual mode).</summary>
    public Task ReplayFinished => _runtime.Replay?.Finished ?? Task.CompletedTask;

    public static async Task<ExchangeHost> StartAsync(ExchangeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var start = options.Start ?? options.Tape.First?.AddMinutes(-1) ?? NyseCalendar.NextSessionOpeningAfter(options.Wall.GetUtcNow()).Open.AddMinutes(-5);
        var clock = new VirtualClock(start, options.ClockMode, options.Speed, options.Wall);
        var venue = new Venue(options.Venue, options.Tape, clock);
        var store = options.Store ?? new InMemoryStateStore();
        var snapshot = await store.LoadAsync(options.AccountKey, cancellationToken).ConfigureAwait(false);
        if (snapshot is not null)
        {
            venue.Restore(snapshot);
        }

        var faults = new FaultInjector(options.Wall);
        // The symbol list only grows before serving (restore), so the hub reads it without the venue's lock.
        var marketData = new MarketDataHub(options.Streams, faults, () => venue.Symbols, options.KeyId, options.SecretKey, options.Wall);
        var tradeUpdates = new TradeUpdatesHub(options.Streams, faults, options.KeyId, options.SecretKey, options.Wall);
        venue.TradeUpdates = tradeUpdates;
        var runtime = new ExchangeRuntime
        {
            Options = options,
            Venue = venue,
            Faults = faults,
            MarketData = marketData,
            TradeUpdates = tradeUpdates,
            RateLimiter = new ServerRateLimiter(options.RateLimitPerMinute, options.Wall),
            Persister = new StatePersister(venue, store, options.AccountKey, options.PersistInterval, options.Log),
        };
        AdminEndpoints.ApplyFaults(runtime, options.Faults);
        var app = ExchangeServer.Build(runtime, options.Port);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new ExchangeHost(app, runtime, new Uri(address.EndsWith('/') ? address : address + "/"), snapshot is not null)
        {
            StoreDescription = store.Description,
        };
        runtime.Persister.Start();
        if (options.ClockMode != ClockMode.Manual)
        {
            runtime.Replay = new ReplayDriver(venue, marketData, options.ReplayBatch, options.ReplayPaused);
            runtime.Replay.Start();
        }

        return host;
    }

    /// <summary>Releases a replay started paused.</summary>
    public void StartReplay() => _runtime.Replay?.Release();

    /// <summary>Manual clock: moves time to <paramref name="t"/>, replaying the tape up to it and streaming what happened.</summary>
    public async Task AdvanceToAsync(DateTimeOffset t, CancellationToken cancellationToken = default)
    {
        var events = new List<MarketEvent>();
        Venue.AdvanceTo(t, events);
        await MarketData.PublishAsync(events, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Back to the starting cash, and saved.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        Venue.Reset();
        await Persister.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void ApplyFaults(FaultPlan plan) => AdminEndpoints.ApplyFaults(_runtime, plan);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_runtime.Replay is { } replay)
        {
            await replay.DisposeAsync().ConfigureAwait(false);
        }

        MarketData.DropAll();
        TradeUpdates.DropAll();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _runtime.Persister.DisposeAsync().ConfigureAwait(false);
    }
}
