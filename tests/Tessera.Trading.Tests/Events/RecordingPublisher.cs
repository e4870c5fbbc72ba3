using System.Collections.Concurrent;
using Tessera.Trading.Events;

namespace Tessera.Trading.Tests.Events;

/// <summary>Keeps the events it is given, and the JSON lines a real publisher would write for them.</summary>
internal sealed class RecordingPublisher(TimeProvider time) : ITradingEventPublisher
{
    private static readonly EventEnvironment Environment = new("execution", Guid.Parse("6d1f0c5e-3a59-4c1e-9d52-6a2b8b8f2a10"), "test-host");

    public ConcurrentQueue<TradingEvent> Events { get; } = new();

    public StringWriter Lines { get; } = new();

    public void Publish(TradingEvent tradingEvent)
    {
        Events.Enqueue(tradingEvent);
        lock (Lines)
        {
            Lines.WriteLine(JsonLinesEventPublisher.Format(tradingEvent, Environment, time.GetUtcNow()));
        }
    }

    public IReadOnlyList<TradingEvent> Of(string code) => Events.Where(e => string.Equals(e.Code, code, StringComparison.Ordinal)).ToList();
}
