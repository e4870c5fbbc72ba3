using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Streaming;

namespace Tessera.Trading.Orders;

/// <summary>
/// Feeds the broker's trade-update stream into the order manager: each TradeUpdate moves its order's record; a
/// reconnect (events may have been missed) triggers a poll of the open orders, as AlpacaTradeUpdatesStream asks.
/// </summary>
public sealed class TradeUpdateAdapter(OrderManager manager, OrderPoller poller)
{
    /// <summary>Updates applied to a tracked record / for orders this account's OMS does not track.</summary>
    public long Applied { get; private set; }

    public long Untracked { get; private set; }

    /// <summary>Handles one stream message; returns the update applied, or null (control message, untracked order).</summary>
    public async Task<AppliedUpdate?> HandleAsync(TradeStreamMessage message, CancellationToken cancellationToken = default)
    {
        switch (message)
        {
            case TradeUpdateMessage { Update: var update }:
                var applied = await ApplyAsync(update, cancellationToken).ConfigureAwait(false);
                return applied;
            case TradeStreamLifecycle { Event: StreamLifecycleEvent.Reconnected }:
                await poller.PollOnceAsync(cancellationToken).ConfigureAwait(false);
                return null;
            default:
                return null;
        }
    }

    /// <summary>Reads the stream's messages until it completes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(AlpacaTradeUpdatesStream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await foreach (var message in stream.Messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await HandleAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<AppliedUpdate?> ApplyAsync(TradeUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var applied = await manager.ApplyBrokerOrderAsync(AlpacaBroker.ToBrokerOrder(update.Order), "stream:" + update.Event.ToString().ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
        if (applied is null)
        {
            Untracked++;
        }
        else
        {
            Applied++;
        }

        return applied;
    }
}
