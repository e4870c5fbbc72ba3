using Tessera.Alpaca.Model;

namespace Tessera.Exchange.Streaming;

/// <summary>What a slow consumer does to the replay: Alpaca drops it (407 slow client); a benchmark makes the replay wait.</summary>
public enum Backpressure
{
    DropSlowClient,
    Wait,
}

/// <summary>Limits and behaviour of the two WebSocket endpoints.</summary>
public sealed record StreamSettings
{
    /// <summary>Market data connections per key (Alpaca: one per endpoint on most plans).</summary>
    public int MaxConnectionsPerKey { get; init; } = 1;

    /// <summary>Distinct symbols per market data session (0 = unlimited; Alpaca's free IEX plan: 30).</summary>
    public int MaxSymbols { get; init; }

    /// <summary>Feeds this account's plan may use (others answer 409 insufficient subscription).</summary>
    public IReadOnlyList<DataFeed> AllowedFeeds { get; init; } = [DataFeed.Iex, DataFeed.Sip, DataFeed.DelayedSip, DataFeed.Test, DataFeed.Otc];

    public TimeSpan AuthTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Frames queued per session before the session counts as slow.</summary>
    public int QueueFrames { get; init; } = 8192;

    /// <summary>Target size of one data frame (a JSON array of messages).</summary>
    public int FrameBytes { get; init; } = 16 * 1024;

    public Backpressure Backpressure { get; init; } = Backpressure.DropSlowClient;

    /// <summary>Largest client message accepted.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;
}
