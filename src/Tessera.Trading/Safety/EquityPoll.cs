using System.Globalization;
using Tessera.Alpaca.Broker;
using Tessera.Core.Markets;

namespace Tessera.Trading.Safety;

/// <summary>What one equity poll found and did.</summary>
public enum EquityPollStatus
{
    /// <summary>Outside the regular session: nothing to compare (the reference is the session's opening equity).</summary>
    MarketClosed,

    /// <summary>Within the limit.</summary>
    Within,

    /// <summary>Breached, and this poll ran the halt.</summary>
    Halted,

    /// <summary>Breached, but the account was already halted: nothing sent twice.</summary>
    AlreadyHalted,
}

public sealed record EquityPollOutcome(EquityPollStatus Status, DateTimeOffset At, CircuitBreakerReading? Reading, SessionOpeningEquity? Opening, HaltReport? Halt)
{
    /// <summary>Kill-switch rules that fired on this tick (empty without a <see cref="EquityPoll.KillSwitch"/>).</summary>
    public IReadOnlyList<KillSwitchOutcome> KillSwitch { get; init; } = [];
}

/// <summary>
/// One tick of the circuit breaker's equity poll (every 10 s in the local host and the stream service; every minute as
/// the Functions backstop): capture the session's opening equity on the first tick of the session, compare the current
/// equity with it, and run the halt on a breach. Time is the BROKER's clock, so on the local exchange the virtual market
/// time decides what "the session" is, and in Alpaca paper/live it is Alpaca's.
/// </summary>
public sealed class EquityPoll(IBroker broker, SessionEquityStore openings, TradingSwitchStore switches, HaltProcedure halt, CircuitBreakerRule rule)
{
    public const string Actor = "circuit-breaker";

    /// <summary>The kill-switch matrix evaluated on every in-session tick (config/kill_switch.yaml); null when the host has none.</summary>
    public KillSwitchWatch? KillSwitch { get; set; }

    /// <summary>The equity curve every in-session tick feeds (one point a minute); null when the host keeps none.</summary>
    public EquityHistoryStore? History { get; set; }

    public async Task<EquityPollOutcome> TickAsync(AuditStamp stamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        var clock = await broker.GetClockAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.Now;
        var session = NyseCalendar.SessionAt(now);
        if (session is null || !session.IsRegular(now))
        {
            return new EquityPollOutcome(EquityPollStatus.MarketClosed, now, null, null, null);
        }

        var account = await broker.GetAccountAsync(cancellationToken).ConfigureAwait(false);
        var opening = await openings.CaptureAsync(stamp.AccountId, session.Date, session.Open, account.Equity, now, cancellationToken).ConfigureAwait(false);
        if (History is { } history)
        {
            await history.RecordAsync(stamp.AccountId, now, account.Equity, cancellationToken).ConfigureAwait(false);
        }

        var reading = rule.Evaluate(opening.Equity, account.Equity);
        IReadOnlyList<KillSwitchOutcome> fired = KillSwitch is { } watch
            ? await watch.EvaluateAsync(stamp, now, account.Equity, cancellationToken).ConfigureAwait(false)
            : [];
        if (!reading.Breached)
        {
            return new EquityPollOutcome(EquityPollStatus.Within, now, reading, opening, null) { KillSwitch = fired };
        }

        var state = await switches.GetAsync(stamp.AccountId, cancellationToken).ConfigureAwait(false);
        if (state.Halted)
        {
            return new EquityPollOutcome(EquityPollStatus.AlreadyHalted, now, reading, opening, null) { KillSwitch = fired };
        }

        var reason = string.Create(CultureInfo.InvariantCulture, $"intraday drawdown {reading.Drawdown:P2} from the session's opening equity {opening.Equity:0.00} reached the {rule.MaxIntradayDrawdown:P2} limit");
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["equity_opening"] = opening.Equity,
            ["equity_current"] = account.Equity,
            ["drawdown"] = reading.Drawdown,
            ["opening_captured_late"] = opening.CapturedLate,
        };
        var report = await halt.RunAsync(new HaltRequest(HaltSource.CircuitBreaker, reason, Actor, now), flatten: true, stamp, fields, cancellationToken).ConfigureAwait(false);
        return new EquityPollOutcome(EquityPollStatus.Halted, now, reading, opening, report) { KillSwitch = fired };
    }
}
