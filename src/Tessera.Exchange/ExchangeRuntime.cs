using Tessera.Exchange.Faults;
using Tessera.Exchange.Http;
using Tessera.Exchange.Persistence;
using Tessera.Exchange.Replay;
using Tessera.Exchange.Streaming;
using Tessera.Exchange.Trading;

namespace Tessera.Exchange;

/// <summary>The running parts the HTTP endpoints use.</summary>
internal sealed class ExchangeRuntime
{
    public required ExchangeOptions Options { get; init; }

    public required Venue Venue { get; init; }

    public required FaultInjector Faults { get; init; }

    public required MarketDataHub MarketData { get; init; }

    public required TradeUpdatesHub TradeUpdates { get; init; }

    public required ServerRateLimiter RateLimiter { get; init; }

    public required StatePersister Persister { get; init; }

    public ReplayDriver? Replay { get; set; }
}
