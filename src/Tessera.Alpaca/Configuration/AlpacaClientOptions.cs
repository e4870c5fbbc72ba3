namespace Tessera.Alpaca.Configuration;

/// <summary>Everything an Alpaca client needs; the defaults follow Alpaca's documented limits.</summary>
public sealed record AlpacaClientOptions
{
    public required AlpacaEndpoints Endpoints { get; init; }

    public required AlpacaCredentials Credentials { get; init; }

    /// <summary>Per-request timeout (an order POST that times out is reconciled by client_order_id).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Closing all positions is slow at Alpaca (ALPACA.md); it gets its own, longer timeout.</summary>
    public TimeSpan CloseAllTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Client-side budget per key and minute (Alpaca: 200). 0 turns the local budget off; the response headers are still honoured.</summary>
    public int RequestsPerMinute { get; init; } = 200;

    /// <summary>Retries of idempotent requests (GET, and the reconciliation look-ups) on 5xx, 429 or a broken connection.</summary>
    public int IdempotentRetries { get; init; } = 3;

    /// <summary>Look-ups by client_order_id after an order POST timed out or failed with 5xx.</summary>
    public int ReconcileAttempts { get; init; } = 4;

    /// <summary>First delay between reconciliation look-ups (doubles each time).</summary>
    public TimeSpan ReconcileDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// When the look-ups prove the broker holds no order with the client_order_id, the POST is sent again with the same
    /// id this many times (safe: the broker refuses a duplicate id, which is then looked up).
    /// </summary>
    public int ResubmitsWhenNotAccepted { get; init; } = 2;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Generates client_order_id when a request has none (tests inject a deterministic one).</summary>
    public Func<string> ClientOrderIdFactory { get; init; } = () => Guid.NewGuid().ToString();

    public override string ToString() => $"AlpacaClientOptions({Endpoints}, {Credentials})";
}
