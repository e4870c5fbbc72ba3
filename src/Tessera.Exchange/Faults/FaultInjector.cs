using Tessera.Core.Determinism;

namespace Tessera.Exchange.Faults;

/// <summary>What a fault plan decides for an order POST.</summary>
public enum OrderPostFault
{
    None,
    ErrorBeforeAccept,
    ErrorAfterAccept,
    TimeoutAfterAccept,
}

/// <summary>
/// The fault plan in force and its decisions (thread-safe, seeded). Wall-clock windows (the 406 period) use the
/// injected TimeProvider.
/// </summary>
public sealed class FaultInjector(TimeProvider wall)
{
    private readonly Lock _gate = new();
    private FaultPlan _plan = FaultPlan.None;
    private DeterministicRandom _random = new(FaultPlan.None.Seed);
    private int _rateLimitLeft;
    private DateTimeOffset _connectionLimitedUntil = DateTimeOffset.MinValue;

    public FaultPlan Plan
    {
        get
        {
            lock (_gate)
            {
                return _plan;
            }
        }
    }

    public long OrderFaultsInjected { get; private set; }

    public void Apply(FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        lock (_gate)
        {
            _plan = plan;
            _random = new DeterministicRandom(plan.Seed);
            _rateLimitLeft = plan.RateLimitCount;
            _connectionLimitedUntil = plan.ConnectionLimitSeconds > 0 ? wall.GetUtcNow().AddSeconds(plan.ConnectionLimitSeconds) : DateTimeOffset.MinValue;
        }
    }

    public void Clear() => Apply(FaultPlan.None);

    public TimeSpan Latency => TimeSpan.FromMilliseconds(Plan.LatencyMs);

    /// <summary>True when this request must be answered 429; <paramref name="reset"/> is the reset time to advertise.</summary>
    public bool TakeRateLimit(out DateTimeOffset reset)
    {
        lock (_gate)
        {
            reset = wall.GetUtcNow().AddSeconds(_plan.RateLimitResetSeconds);
            if (_rateLimitLeft <= 0)
            {
                return false;
            }

            _rateLimitLeft--;
            return true;
        }
    }

    public OrderPostFault DecideOrderPost()
    {
        lock (_gate)
        {
            var total = _plan.OrderErrorBeforeAcceptRate + _plan.OrderErrorAfterAcceptRate + _plan.OrderTimeoutAfterAcceptRate;
            if (total <= 0)
            {
                return OrderPostFault.None;
            }

            var u = _random.NextDouble();
            var fault = u < _plan.OrderErrorBeforeAcceptRate ? OrderPostFault.ErrorBeforeAccept
                : u < _plan.OrderErrorBeforeAcceptRate + _plan.OrderErrorAfterAcceptRate ? OrderPostFault.ErrorAfterAccept
                : u < total ? OrderPostFault.TimeoutAfterAccept
                : OrderPostFault.None;
            if (fault != OrderPostFault.None)
            {
                OrderFaultsInjected++;
            }

            return fault;
        }
    }

    /// <summary>Until when new market data sessions are refused with 406 (set by the plan, or by a drop: Alpaca keeps a dropped session ~90 s).</summary>
    public bool ConnectionLimited
    {
        get
        {
            lock (_gate)
            {
                return wall.GetUtcNow() < _connectionLimitedUntil;
            }
        }
    }

    public bool Duplicate()
    {
        lock (_gate)
        {
            return _plan.StreamDuplicateRate > 0 && _random.NextDouble() < _plan.StreamDuplicateRate;
        }
    }

    public bool Reorder()
    {
        lock (_gate)
        {
            return _plan.StreamReorderRate > 0 && _random.NextDouble() < _plan.StreamReorderRate;
        }
    }
}
