namespace Tessera.Exchange.Faults;

/// <summary>
/// Faults the local exchange injects (only this exchange has /admin/faults): the failures ALPACA.md says real
/// clients meet. Rates are probabilities per event, decided by a seeded generator (the same plan and seed give the
/// same faults for the same sequence of requests). Stream actions (drop, stall, error) happen once, when the plan is
/// posted. JSON names: see <see cref="FaultPlanJson"/>.
/// </summary>
public sealed record FaultPlan
{
    public ulong Seed { get; init; } = 7;

    /// <summary>Added before every REST answer.</summary>
    public int LatencyMs { get; init; }

    /// <summary>The next N REST requests answer 429 with X-Ratelimit-Reset this many seconds ahead.</summary>
    public int RateLimitCount { get; init; }

    public int RateLimitResetSeconds { get; init; } = 1;

    /// <summary>Order POST: 5xx before the order is accepted (nothing happened).</summary>
    public double OrderErrorBeforeAcceptRate { get; init; }

    /// <summary>Order POST: the order is accepted, then the answer is a 5xx (the duplicate trap).</summary>
    public double OrderErrorAfterAcceptRate { get; init; }

    /// <summary>Order POST: the order is accepted, then the answer is held back <see cref="OrderTimeoutMs"/> (the client times out).</summary>
    public double OrderTimeoutAfterAcceptRate { get; init; }

    public int OrderErrorStatus { get; init; } = 500;

    public int OrderTimeoutMs { get; init; } = 2_000;

    /// <summary>New market data sessions get 406 connection limit exceeded for this many seconds (from when the plan is posted).</summary>
    public int ConnectionLimitSeconds { get; init; }

    /// <summary>Stream messages sent twice / swapped with the next one.</summary>
    public double StreamDuplicateRate { get; init; }

    public double StreamReorderRate { get; init; }

    /// <summary>One-shot: drop every socket of "market_data", "trade_updates" or "all" without a close handshake.</summary>
    public string? Drop { get; init; }

    /// <summary>One-shot: sockets stop sending for this many seconds (and stop answering pings unless <see cref="StallAnswersPings"/>).</summary>
    public int StallSeconds { get; init; }

    public bool StallAnswersPings { get; init; }

    /// <summary>One-shot: send this market data error code to every session (and close it when the code ends sessions).</summary>
    public int? StreamErrorCode { get; init; }

    public static FaultPlan None { get; } = new();
}
