namespace Tessera.Trading.Desk;

/// <summary>
/// The broker's clock as a <see cref="TimeProvider"/>: the host's clock plus the last observed offset to the broker's.
/// Against Alpaca the offset is ~0; against the local exchange, whose clock is virtual (replayed sessions, tests), it
/// is whatever the exchange says, so the order records, the ledger chains (one per New York trading day) and the
/// decisions all agree on which day and minute it is. Every desk operation that reads the broker's clock observes it.
/// </summary>
public sealed class MarketTime(TimeProvider host) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Observe(DateTimeOffset brokerNow) => Interlocked.Exchange(ref _offsetTicks, (brokerNow - host.GetUtcNow()).Ticks);

    public override DateTimeOffset GetUtcNow() => host.GetUtcNow() + Offset;
}
