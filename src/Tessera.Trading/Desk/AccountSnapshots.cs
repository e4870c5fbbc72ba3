using Tessera.Alpaca.Model;
using Tessera.Core.Markets;
using Tessera.Trading.Decisions;
using Tessera.Trading.Orders;

namespace Tessera.Trading.Desk;

/// <summary>
/// The account as the gates see it, from the broker's truth (account, positions, open orders) and the order manager's
/// records (orders not yet known to the broker, today's spend). Margin (SEP's 30 % budget) is measured as gross position
/// value against equity x the account multiplier: the share of the account's capacity already committed.
/// <see cref="AccountSnapshot.NotionalUsedToday"/> is the limit x quantity (or notional) of today's BUY orders the order
/// manager recorded, filled or not (a budget is spent when the order is sent); the default profiles are long-only, and
/// short-sale entries are not counted yet (documented gap).
/// </summary>
public static class AccountSnapshots
{
    public static async Task<AccountSnapshot> ReadAsync(TradingDesk desk, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var account = await desk.Broker.GetAccountAsync(cancellationToken).ConfigureAwait(false);
        var positions = new Dictionary<string, decimal>(StringComparer.Ordinal);
        decimal gross = 0;
        foreach (var p in await desk.Broker.GetPositionsAsync(cancellationToken).ConfigureAwait(false))
        {
            positions[p.Instrument.Symbol] = p.Quantity;
            gross += Math.Abs(p.MarketValue ?? (p.Quantity * p.AverageEntryPrice));
        }

        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in await desk.Broker.GetOrdersAsync(OrderStatusFilter.Open, 500, cancellationToken).ConfigureAwait(false))
        {
            open.Add(o.Instrument.Symbol);
        }

        var today = UsEastern.DateOf(now);
        decimal spent = 0;
        foreach (var stored in await desk.Orders.Orders.ListAsync(desk.AccountId, cancellationToken).ConfigureAwait(false))
        {
            var r = stored.Record;
            if (!OrderTransitions.IsTerminal(r.ComparableState))
            {
                open.Add(r.Symbol);
            }

            if (r.Side == OrderSide.Buy && UsEastern.DateOf(r.CreatedAt) == today && r.ComparableState is not (OrderState.Rejected or OrderState.Vetoed))
            {
                spent += r.Notional ?? ((r.LimitPrice ?? r.AveragePrice ?? 0m) * (r.Quantity ?? 0m));
            }
        }

        return new AccountSnapshot
        {
            Equity = account.Equity,
            Cash = account.Cash,
            BuyingPower = account.BuyingPower,
            MarginUsed = gross,
            MarginAvailable = account.Equity * Math.Max(1m, account.Multiplier),
            Positions = positions,
            NotionalUsedToday = spent,
            OpenOrderSymbols = open,
        };
    }

    /// <summary>The account after an approved intent: its symbol now has an order open, and a buy spends its budget.</summary>
    public static AccountSnapshot After(AccountSnapshot account, OrderIntent intent)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(intent);
        var open = new HashSet<string>(account.OpenOrderSymbols, StringComparer.Ordinal) { intent.Symbol };
        var cost = intent.Notional ?? ((intent.LimitPrice ?? 0m) * (intent.Quantity ?? 0m));
        return account with
        {
            OpenOrderSymbols = open,
            NotionalUsedToday = account.NotionalUsedToday + (intent.Side == OrderSide.Buy ? cost : 0m),
            BuyingPower = intent.Side == OrderSide.Buy ? account.BuyingPower - cost : account.BuyingPower,
        };
    }
}
