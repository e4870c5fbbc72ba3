namespace Tessera.Trading.Decisions;

/// <summary>
/// The market as the decision sees it. Prices are doubles because feeds can deliver NaN or infinities; the pipeline
/// turns such values into the typed veto <c>invalid_quote</c>, never into an order. Absent = null / NaN.
/// </summary>
public sealed record MarketSnapshot
{
    public double? Bid { get; init; }

    public double? Ask { get; init; }

    public DateTimeOffset? QuoteTime { get; init; }

    public double LastPrice { get; init; } = double.NaN;

    /// <summary>20-day average daily volume in shares (NaN when unknown: adds are vetoed <c>adv_cap</c>).</summary>
    public double Adv20Shares { get; init; } = double.NaN;

    /// <summary>ATR(14) / close, e.g. 0.02 for 2% (fractional_kelly's taper).</summary>
    public double AtrPct { get; init; } = double.NaN;

    /// <summary>Trailing daily simple returns, oldest first (volatility_target and fractional_kelly use the last N).</summary>
    public IReadOnlyList<double> DailyReturns { get; init; } = [];

    /// <summary>The latest VIX close from the imported VIX series (NaN when none).</summary>
    public double Vix { get; init; } = double.NaN;

    /// <summary>The New York date of <see cref="Vix"/>.</summary>
    public DateOnly? VixAsOf { get; init; }
}

/// <summary>
/// The account as the decision sees it. <see cref="Positions"/> are signed share quantities (short &lt; 0);
/// <see cref="NotionalUsedToday"/> is what entries already committed today (for the daily budget).
/// </summary>
public sealed record AccountSnapshot
{
    public required decimal Equity { get; init; }

    public required decimal Cash { get; init; }

    public required decimal BuyingPower { get; init; }

    public decimal MarginUsed { get; init; }

    public decimal MarginAvailable { get; init; }

    public IReadOnlyDictionary<string, decimal> Positions { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    public decimal NotionalUsedToday { get; init; }

    /// <summary>Symbols with an order still open at the broker or unresolved in the order manager.</summary>
    public IReadOnlySet<string> OpenOrderSymbols { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public decimal PositionOf(string symbol) => Positions.TryGetValue(symbol, out var q) ? q : 0m;
}

/// <summary>
/// The safety switches: the kill switch (manual), the halt (circuit breaker or manual halt) and the stream service's
/// SOP-01 safety mode (<see cref="Safety.StreamSafetyGate"/>: no submission until 60 s of clean reception).
/// </summary>
public sealed record SafetyState(bool KillSwitch, bool Halted, bool StreamSafetyMode = false)
{
    /// <summary>The kill-switch matrix's halt_adds is in force: orders that open or increase a position are vetoed; reductions pass.</summary>
    public bool HaltAdds { get; init; }

    /// <summary>The kill-switch matrix's restrict_to_etfs is in force: entries only in these symbols; reductions pass. Null: no restriction.</summary>
    public IReadOnlySet<string>? AllowedSymbols { get; init; }

    public static SafetyState Clear { get; } = new(false, false);
}

/// <summary>Everything one decision needs, with the decision time passed in (the pipeline reads no clock).</summary>
public sealed record DecisionRequest(DecisionInput Input, MarketSnapshot Market, AccountSnapshot Account, SafetyState Safety, DateTimeOffset Now);
