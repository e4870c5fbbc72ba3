using Tessera.Core.Markets;
using Tessera.Core.Determinism;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;

namespace Tessera.Exchange.Trading;

/// <summary>
/// The exchange's state machine: market state per symbol, the account, every order and activity. One lock guards it
/// all, so HTTP requests, stream subscriptions and the replay see one consistent order of events; with a manual or
/// event-driven clock the same inputs give the same outputs. Operations first bring the market up to the clock
/// (catch-up), then act. The other parts of this class: orders (Venue.Orders.cs), replay (Venue.Replay.cs),
/// matching (Venue.Matching.cs), persistence (Venue.Persistence.cs).
/// </summary>
public sealed partial class Venue
{
    private readonly Lock _gate = new();
    private readonly VenueOptions _options;
    private readonly MarketTape _tape;
    private readonly QuoteModel _quoteModel;
    private readonly List<SymbolState> _symbols = [];
    private readonly Dictionary<string, SymbolState> _bySymbol = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, ExchangeOrder> _orders = [];
    private readonly Dictionary<string, ExchangeOrder> _byClientId = new(StringComparer.Ordinal);
    private readonly List<ExchangeOrder> _orderLog = [];
    private readonly List<Activity> _activities = [];
    private readonly List<MarketEvent> _marketOut = [];
    private readonly DirtySet _dirty = new();
    private readonly DeterministicRandom _random;
    private ExchangeAccount _account;
    private IdGenerator _ids;
    private long _sequence;
    private DateTimeOffset _lastStamp;

    public Venue(VenueOptions options, MarketTape tape, VirtualClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(clock);
        _options = options;
        _tape = tape;
        Clock = clock;
        _quoteModel = new QuoteModel(options.SpreadBps);
        _random = new DeterministicRandom(options.Seed ^ 0xC0FFEE);
        _ids = new IdGenerator(options.Seed);
        foreach (var s in tape.Symbols)
        {
            AddSymbol(s);
        }

        _account = NewAccount(clock.Now);
        WarmUp(clock.Now);
        // A new account is saved at the first flush (a restored one is marked clean by Restore).
        _dirty.Account = true;
    }

    public VirtualClock Clock { get; }

    public VenueOptions Options => _options;

    public MarketTape Tape => _tape;

    /// <summary>Receives trade update frames (the trade stream hub).</summary>
    public ITradeUpdateSink? TradeUpdates { get; set; }

    /// <summary>Runs a read (or a rendering) under the lock after catching the market up to the clock.</summary>
    public T Read<T>(Func<VenueView, T> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (_gate)
        {
            CatchUp();
            return reader(new VenueView(this));
        }
    }

    /// <summary>Resets the account to the starting cash: no positions, orders or activities (market state is kept).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            CatchUp();
            foreach (var s in _symbols)
            {
                s.WorkingOrders.Clear();
            }

            _orders.Clear();
            _byClientId.Clear();
            _orderLog.Clear();
            _activities.Clear();
            var nextId = _ids.Next;
            _account = NewAccount(Clock.Now);
            _ids = new IdGenerator(_options.Seed, nextId);
            _dirty.Clear();
            _dirty.Reset = true;
            _dirty.Account = true;
        }
    }

    internal Lock Gate => _gate;

    internal ExchangeAccount Account => _account;

    internal IReadOnlyList<SymbolState> Symbols => _symbols;

    internal IReadOnlyList<ExchangeOrder> OrderLog => _orderLog;

    internal IReadOnlyList<Activity> Activities => _activities;

    internal SymbolState? FindSymbol(string symbol) => _bySymbol.GetValueOrDefault(symbol.Trim());

    internal ExchangeOrder? FindOrder(Guid id) => _orders.GetValueOrDefault(id);

    internal ExchangeOrder? FindByClientId(string clientOrderId) => _byClientId.GetValueOrDefault(clientOrderId);

    private SymbolState AddSymbol(string symbol)
    {
        var asset = new AssetInfo(
            AssetInfo.IdFor(symbol),
            symbol,
            symbol is "SPY" or "QQQ" or "IWM" or "EEM" or "DIA" or "GLD" or "TLT" ? "ARCA" : "NYSE",
            symbol + " (replayed by Tessera)",
            Tradable: true,
            Marginable: true,
            Shortable: !_options.NotShortable.Contains(symbol, StringComparer.OrdinalIgnoreCase),
            EasyToBorrow: !_options.HardToBorrow.Contains(symbol, StringComparer.OrdinalIgnoreCase),
            Fractionable: !_options.NotFractionable.Contains(symbol, StringComparer.OrdinalIgnoreCase));
        var state = new SymbolState(_symbols.Count, asset);
        _symbols.Add(state);
        _bySymbol[symbol] = state;
        return state;
    }

    private ExchangeAccount NewAccount(DateTimeOffset now)
    {
        var id = _options.AccountId ?? new IdGenerator(_options.Seed ^ 0xACC0UL).NewId();
        return new ExchangeAccount
        {
            Id = id,
            AccountNumber = "PA" + ((ulong)id.GetHashCode() % 1_000_000_000UL).ToString("D9", System.Globalization.CultureInfo.InvariantCulture)[..9],
            CreatedAt = now,
            StartingCash = _options.StartingCash,
            Cash = _options.StartingCash,
            LastEquity = _options.StartingCash,
            Multiplier = _options.Multiplier,
            ShortingConfigured = _options.ShortingEnabled,
        };
    }

    /// <summary>A strictly increasing timestamp at the clock (orders created in the same instant stay ordered, so time paging works).</summary>
    private DateTimeOffset Stamp()
    {
        var now = Clock.Now;
        if (_marketTime > now)
        {
            now = _marketTime;
        }

        if (now <= _lastStamp)
        {
            now = _lastStamp.AddTicks(10);
        }

        _lastStamp = now;
        return now;
    }

    private void MarkOrder(ExchangeOrder o) => _dirty.Orders.Add(o.Id);

    private void MarkPosition(int symbol)
    {
        _dirty.Positions.Add(symbol);
        _dirty.Account = true;
    }
}
