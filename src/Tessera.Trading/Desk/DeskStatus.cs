using Tessera.Core.Markets;
using Tessera.Trading.Safety;

namespace Tessera.Trading.Desk;

/// <summary>What `tessera trade status` and GET /api/trading/status show: switches, account, session, today's ledger, the stream service.</summary>
public sealed record DeskStatus(
    string Broker,
    string AccountId,
    string Profile,
    string ConfigPin,
    TradingSwitchState Switches,
    decimal Equity,
    decimal Cash,
    decimal BuyingPower,
    int Positions,
    int OpenOrders,
    DateTimeOffset MarketTime,
    bool MarketOpen,
    decimal? OpeningEquity,
    decimal? IntradayDrawdown,
    long LedgerBlocksToday,
    StreamServiceView? Stream)
{
    /// <summary>The kill-switch matrix's actions in force on the account (halt_adds, de_risk, ...), oldest firing first; empty when none.</summary>
    public IReadOnlyList<KillSwitchActionInForce> KillSwitchActions { get; init; } = [];
}

/// <summary>One kill-switch action in force as the status shows it: the action, the condition that fired it and when.</summary>
public sealed record KillSwitchActionInForce(string Action, string Condition, DateTimeOffset FiredAt);

public static class DeskStatusReader
{
    public static async Task<DeskStatus> ReadAsync(TradingDesk desk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var switches = await desk.Switches.GetAsync(desk.AccountId, cancellationToken).ConfigureAwait(false);
        var account = await desk.Broker.GetAccountAsync(cancellationToken).ConfigureAwait(false);
        var positions = await desk.Broker.GetPositionsAsync(cancellationToken).ConfigureAwait(false);
        var open = await desk.Broker.GetOrdersAsync(Alpaca.Model.OrderStatusFilter.Open, 500, cancellationToken).ConfigureAwait(false);
        var clock = await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        var day = UsEastern.DateOf(clock.Now);
        var opening = await desk.Openings.GetAsync(desk.AccountId, day, cancellationToken).ConfigureAwait(false);
        var page = await desk.Ledger.ReadAsync(desk.AccountId, day, 0, 1, cancellationToken).ConfigureAwait(false);
        var active = await desk.KillSwitchActions.ActiveAsync(desk.AccountId, cancellationToken).ConfigureAwait(false);
        var inForce = new KillSwitchActionInForce[active.Active.Count];
        for (var i = 0; i < inForce.Length; i++)
        {
            var a = active.Active[i];
            inForce[i] = new KillSwitchActionInForce(a.Name, a.Condition, a.FiredAt);
        }

        return new DeskStatus(
            desk.Broker.Descriptor.ToString(),
            desk.AccountId,
            desk.Profile.Name,
            desk.ConfigPin,
            switches,
            account.Equity,
            account.Cash,
            account.BuyingPower,
            positions.Count,
            open.Count,
            clock.Now,
            clock.IsOpen,
            opening?.Equity,
            opening is { Equity: > 0 } o ? 1m - (account.Equity / o.Equity) : null,
            page.TotalBlocks,
            await StreamServiceView.ReadAsync(desk.Parts.Tables, desk.AccountId, clock.Now, cancellationToken).ConfigureAwait(false))
        {
            KillSwitchActions = inForce,
        };
    }
}
