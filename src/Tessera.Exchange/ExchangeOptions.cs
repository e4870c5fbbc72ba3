using Tessera.Core.Markets;
using Tessera.Alpaca.Configuration;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Market;
using Tessera.Exchange.Persistence;
using Tessera.Exchange.Streaming;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;

namespace Tessera.Exchange;

/// <summary>Everything that configures one local exchange (defaults: docs/BROKER.md).</summary>
public sealed record ExchangeOptions
{
    /// <summary>Port on 127.0.0.1 (0 = a free port; the exchange never binds another interface).</summary>
    public int Port { get; init; }

    public required MarketTape Tape { get; init; }

    public VenueOptions Venue { get; init; } = new();

    public ClockMode ClockMode { get; init; } = ClockMode.Scaled;

    /// <summary>Speed of the scaled clock (1 = real time).</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>Where the clock starts (default: one minute before the tape's first event).</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>The as-fast-as-possible replay waits for <see cref="ExchangeHost.StartReplay"/> (benchmarks connect first).</summary>
    public bool ReplayPaused { get; init; }

    /// <summary>Tape events per replay step in as-fast-as-possible mode.</summary>
    public int ReplayBatch { get; init; } = 4096;

    /// <summary>The one key pair this exchange accepts (REST headers and both streams).</summary>
    public string KeyId { get; init; } = BrokerSelection.DefaultExchangeKeyId;

    public string SecretKey { get; init; } = BrokerSelection.DefaultExchangeSecret;

    /// <summary>Requests per minute per key (Alpaca: 200); 0 turns the limit off (bulk tests).</summary>
    public int RateLimitPerMinute { get; init; } = 200;

    public int MaxRequestBodyBytes { get; init; } = 64 * 1024;

    public FaultPlan Faults { get; init; } = FaultPlan.None;

    public StreamSettings Streams { get; init; } = new();

    /// <summary>Where account state persists (null = in this process only).</summary>
    public IExchangeStateStore? Store { get; init; }

    /// <summary>The partition of this account in the store.</summary>
    public string AccountKey { get; init; } = "local";

    public TimeSpan PersistInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Wall clock for rate limits, timeouts and fault windows (tests inject a fake one).</summary>
    public TimeProvider Wall { get; init; } = TimeProvider.System;

    /// <summary>Operational messages (never secrets).</summary>
    public Action<string>? Log { get; init; }

    public override string ToString() => $"ExchangeOptions(port {Port}, clock {ClockMode} x{Speed}, key ****)";
}
