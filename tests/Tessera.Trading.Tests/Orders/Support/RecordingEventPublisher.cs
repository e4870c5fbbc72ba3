using Tessera.Trading.Events;

namespace Tessera.Trading.Tests.Orders.Support;

/// <summary>Keeps every published event (test double of the publisher interface).</summary>
internal sealed class RecordingEventPublisher : ITradingEventPublisher
{
    private readonly List<TradingEvent> _events = [];

    public IReadOnlyList<TradingEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    public void Publish(TradingEvent tradingEvent)
    {
        lock (_events)
        {
            _events.Add(tradingEvent);
        }
    }
}
