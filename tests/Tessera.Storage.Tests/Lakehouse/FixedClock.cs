namespace Tessera.Storage.Tests.Lakehouse;

/// <summary>A clock the test sets; the lakehouse never reads the wall clock.</summary>
internal sealed class FixedClock(DateTime utcNow) : TimeProvider
{
    public DateTime UtcNow { get; set; } = utcNow;

    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);
}
