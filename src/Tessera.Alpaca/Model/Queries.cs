namespace Tessera.Alpaca.Model;

/// <summary>GET /v2/orders filters. Alpaca pages by time: pass the last order's submitted_at as After/Until for the next page.</summary>
public sealed record OrderQuery
{
    public OrderStatusFilter Status { get; init; } = OrderStatusFilter.Open;

    /// <summary>1..500 (Alpaca's maximum); default 50.</summary>
    public int? Limit { get; init; }

    public DateTimeOffset? After { get; init; }

    public DateTimeOffset? Until { get; init; }

    public SortDirection? Direction { get; init; }

    public bool? Nested { get; init; }

    public IReadOnlyList<string>? Symbols { get; init; }

    public OrderSide? Side { get; init; }
}

/// <summary>GET /v2/account/activities filters; pages with page_token (the last activity's id).</summary>
public sealed record ActivityQuery
{
    public IReadOnlyList<ActivityType>? Types { get; init; }

    public DateTimeOffset? After { get; init; }

    public DateTimeOffset? Until { get; init; }

    public SortDirection? Direction { get; init; }

    /// <summary>1..100; default 100.</summary>
    public int? PageSize { get; init; }

    public string? PageToken { get; init; }
}

/// <summary>GET /v2/stocks/bars.</summary>
public sealed record BarsRequest
{
    public required IReadOnlyList<string> Symbols { get; init; }

    public BarTimeFrame TimeFrame { get; init; } = BarTimeFrame.OneMinute;

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    /// <summary>Per page, 1..10000.</summary>
    public int? Limit { get; init; }

    public BarAdjustment? Adjustment { get; init; }

    public DataFeed? Feed { get; init; }

    public SortDirection? Sort { get; init; }

    public string? PageToken { get; init; }
}

/// <summary>One page of bars keyed by symbol, with the token of the next page (null on the last).</summary>
public sealed record BarsPage(IReadOnlyDictionary<string, IReadOnlyList<Bar>> Bars, string? NextPageToken);

/// <summary>GET /v2/positions/{symbol} DELETE options: close a quantity or a percentage, or everything.</summary>
public sealed record ClosePositionOptions
{
    public decimal? Qty { get; init; }

    public decimal? Percentage { get; init; }
}
