using Tessera.Alpaca.Model;
using Tessera.Core.Governance;
using Tessera.Core.Markets;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;
using Tessera.Trading.Orders;

namespace Tessera.Trading.Safety;

/// <summary>
/// The host's kill-switch readings, each from a real source (never a made-up number; null when a source cannot measure):
/// <list type="bullet">
/// <item>equity curve and daily returns: <see cref="SessionEquityReadings"/> (the circuit breaker's session openings);</item>
/// <item>data age: now − the newest market message the account's stream service received (its status row in table
/// <c>streamstatus</c>, <see cref="StreamStatusRow.LastMessageAt"/>). A row that stopped being written still names
/// the newest data the host has, so a dead stream service ages into an outage. No row, or a row with no message yet:
/// null (the data-outage row is not evaluated);</item>
/// <item>slippage: today's (New York day of the broker's time) filled orders of the order manager that carry the price
/// their decision saw (<see cref="OrderRecord.ReferencePrice"/>: the ask for a buy, the bid for a sell), through
/// <see cref="KillSwitchMeasures.SlippageBps"/>. No such fill today: null.</item>
/// </list>
/// </summary>
public sealed class MeasuredKillSwitchReadings(SessionEquityReadings equity, ITableStore tables, OrderStore orders) : IKillSwitchReadings
{
    public async Task<KillSwitchReadings> ReadAsync(string accountId, DateTimeOffset now, decimal currentEquity, CancellationToken cancellationToken)
    {
        var curve = await equity.ReadAsync(accountId, now, currentEquity, cancellationToken).ConfigureAwait(false);
        var age = await DataAgeAsync(tables, accountId, now, cancellationToken).ConfigureAwait(false);
        var slippage = await SlippageBpsAsync(orders, accountId, UsEastern.DateOf(now), cancellationToken).ConfigureAwait(false);
        return curve with { DataAge = age, SlippageBps = slippage };
    }

    /// <summary>Age of the newest market message the account's stream service reported, or null when it reported none.</summary>
    public static async Task<TimeSpan?> DataAgeAsync(ITableStore tables, string accountId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        StreamStatusRow? row;
        try
        {
            row = await tables.GetAsync<StreamStatusRow>(StreamStatusRow.TableName, accountId, StreamStatusRow.RowName, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }

        if (row?.LastMessageAt is not { } last)
        {
            return null;
        }

        var age = now - last;
        return age < TimeSpan.Zero ? TimeSpan.Zero : age; // a message stamped ahead of the broker's clock is fresh, not negative
    }

    /// <summary>Realised slippage of the account's fills on one New York day (bps), or null when none carries a reference price.</summary>
    public static async Task<double?> SlippageBpsAsync(OrderStore orders, string accountId, DateOnly day, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var fills = new List<OrderRecord>();
        foreach (var stored in await orders.ListAsync(accountId, cancellationToken).ConfigureAwait(false))
        {
            var r = stored.Record;
            if (r.FilledQuantity > 0 && r.AveragePrice is > 0 && r.ReferencePrice is > 0 && UsEastern.DateOf(r.SubmittedAt ?? r.CreatedAt) == day)
            {
                fills.Add(r);
            }
        }

        var sides = new int[fills.Count];
        var qty = new double[fills.Count];
        var avg = new double[fills.Count];
        var reference = new double[fills.Count];
        for (var i = 0; i < fills.Count; i++)
        {
            sides[i] = fills[i].Side == OrderSide.Buy ? 1 : -1;
            qty[i] = (double)fills[i].FilledQuantity;
            avg[i] = (double)fills[i].AveragePrice!.Value;
            reference[i] = (double)fills[i].ReferencePrice!.Value;
        }

        return KillSwitchMeasures.SlippageBps(sides, qty, avg, reference);
    }
}
