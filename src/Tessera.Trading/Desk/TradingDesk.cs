using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Rest;
using Tessera.Storage.Blobs;
using Tessera.Storage.Tables;
using Tessera.Trading.Configuration;
using Tessera.Trading.Decisions;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;
using Tessera.Trading.Orders;
using Tessera.Trading.Safety;
using Tessera.Trading.Scan;

namespace Tessera.Trading.Desk;

/// <summary>
/// One account's order path, composed once from its parts: configuration (profile, config pin), the broker and its
/// market data, the stores (kill switch, opening equity, orders, idempotency, ledger) and the event publisher. Every
/// host builds it the same way (<see cref="OpenAsync"/>) and calls the same operations, so the CLI, the local host,
/// the Functions activities and the stream service cannot drift apart. It owns no threads and no timers: the hosts
/// schedule; the desk decides and records.
/// </summary>
public sealed class TradingDesk
{
    private TradingDesk(TradingDeskParts parts, string accountId)
    {
        Parts = parts;
        AccountId = accountId;
        Profile = parts.Configuration.Profile(parts.ProfileName);
        Time = new MarketTime(parts.Time);
        Switches = new TradingSwitchStore(parts.Tables);
        Openings = new SessionEquityStore(parts.Tables);
        EquityHistory = new EquityHistoryStore(parts.Tables);
        Ledger = new BlobAuditLedger(parts.Blobs, Time);
        Orders = new OrderManager(parts.Broker, parts.Tables, Ledger, parts.Events, new OrderManagerOptions { AccountId = accountId, ConfigPin = ConfigPin, Clock = Time });
        Halt = new HaltProcedure(parts.Broker, Switches, Ledger, parts.Events);
        Resume = new ResumeProcedure(Switches, Ledger, parts.Events);
        EquityPoll = new EquityPoll(parts.Broker, Openings, Switches, Halt, new CircuitBreakerRule((decimal)parts.Configuration.CircuitBreaker.MaxIntradayDrawdown)) { History = EquityHistory };
        Pipeline = new DecisionPipeline(Profile, ConfigPin);
        KillSwitchActions = new KillSwitchActionStore(parts.Tables);
        MarketData = parts.MarketData is null ? null : new BrokerMarketData(parts.MarketData);
    }

    public TradingDeskParts Parts { get; }

    public string AccountId { get; }

    public TradingConfiguration Configuration => Parts.Configuration;

    /// <summary>The broker's clock (see <see cref="MarketTime"/>): what the order manager and the ledger stamp with.</summary>
    public MarketTime Time { get; }

    public TradingProfile Profile { get; }

    public string ConfigPin => Parts.Configuration.ConfigPin;

    public IBroker Broker => Parts.Broker;

    public ITradingEventPublisher Events => Parts.Events;

    public TradingSwitchStore Switches { get; }

    public SessionEquityStore Openings { get; }

    /// <summary>The intraday equity curve the equity poll records (the dashboard's equity chart).</summary>
    public EquityHistoryStore EquityHistory { get; }

    public BlobAuditLedger Ledger { get; }

    public OrderManager Orders { get; }

    public HaltProcedure Halt { get; }

    public ResumeProcedure Resume { get; }

    public EquityPoll EquityPoll { get; }

    public DecisionPipeline Pipeline { get; }

    /// <summary>The kill switch's executed actions (halt adds, de-risk, base profile, ETF restriction), read by every decision round.</summary>
    public KillSwitchActionStore KillSwitchActions { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DecisionPipeline> _pipelines = new(StringComparer.Ordinal);

    /// <summary>The pipeline of a named profile of this configuration (the desk's own for its profile); the kill switch's switch_to_base_profile sizes with it.</summary>
    public DecisionPipeline PipelineFor(string profileName) =>
        profileName == Profile.Name ? Pipeline : _pipelines.GetOrAdd(profileName, n => new DecisionPipeline(Parts.Configuration.Profile(n), ConfigPin));

    /// <summary>Null when the desk was opened without a market data client (operations that never scan: halt, resume, audit).</summary>
    public BrokerMarketData? MarketData { get; }

    /// <summary>Probes the broker for the account id (the partition of every store), creates the tables, and returns the desk.</summary>
    public static async Task<TradingDesk> OpenAsync(TradingDeskParts parts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var account = await parts.Broker.GetAccountAsync(cancellationToken).ConfigureAwait(false);
        var desk = new TradingDesk(parts, TradingAccountId.Validate(account.Id, "broker account id"));
        await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        await desk.Orders.EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        await parts.Tables.CreateTableIfNotExistsAsync(TradingSwitchStore.Table, cancellationToken).ConfigureAwait(false);
        await parts.Tables.CreateTableIfNotExistsAsync(SessionEquityStore.Table, cancellationToken).ConfigureAwait(false);
        await desk.KillSwitchActions.EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        return desk;
    }

    /// <summary>Reads the broker's clock and makes it the desk's time.</summary>
    public async Task<Alpaca.Broker.MarketClock> ClockAsync(CancellationToken cancellationToken = default)
    {
        var clock = await Parts.Broker.GetClockAsync(cancellationToken).ConfigureAwait(false);
        Time.Observe(clock.Now);
        return clock;
    }

    /// <summary>The ledger stamp of one operation: account, config pin and its trace id.</summary>
    public AuditStamp Stamp(string traceId) => new(AccountId, ConfigPin, traceId);
}

/// <summary>What a desk is made of; the hosts construct these from their settings (connection string, broker selection).</summary>
public sealed record TradingDeskParts(
    TradingConfiguration Configuration,
    string ProfileName,
    IBroker Broker,
    AlpacaMarketDataClient? MarketData,
    IBlobStore Blobs,
    ITableStore Tables,
    ITradingEventPublisher Events,
    TimeProvider Time)
{
    /// <summary>The VIX the Kelly sizer tapers by (the imported series, <see cref="LakehouseVix"/>); null: none.</summary>
    public Func<DateOnly, CancellationToken, Task<VixReading?>>? Vix { get; init; }
}
