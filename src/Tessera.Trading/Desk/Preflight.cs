using System.Globalization;
using Tessera.Trading.Configuration;
using Tessera.Trading.Events;

namespace Tessera.Trading.Desk;

/// <summary>One preflight check: the seed's name for it, whether it passed, and what was found.</summary>
public sealed record PreflightCheck(string Name, bool Passed, string Detail);

/// <summary>The preflight of Kobe81 (seed 003 scripts/preflight.py) before any trading run; exit code 2 (bad configuration) or 3 (dependency unavailable) when it fails.</summary>
public sealed record PreflightReport(IReadOnlyList<PreflightCheck> Checks, string ConfigPin, string? AccountId)
{
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>0 all passed; 2 configuration or keys; 3 the broker, its clock or the storage.</summary>
    public int ExitCode => Passed ? 0 : Checks.Any(c => !c.Passed && c.Name is PreflightChecks.Configuration or PreflightChecks.Keys or PreflightChecks.LiveConfirmation) ? 2 : 3;
}

/// <summary>The checks' names, in the seed's order, plus the two Tessera adds (clock, storage).</summary>
public static class PreflightChecks
{
    public const string Configuration = "config_valid";
    public const string Keys = "api_keys_present";
    public const string LiveConfirmation = "live_confirmed";
    public const string ConfigPin = "config_pin";
    public const string AccountProbe = "broker_account_probe";
    public const string Clock = "broker_clock";
    public const string Storage = "state_storage";

    /// <summary>Clocks further apart than this make quote ages and session gates unreliable.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs the broker-side checks on an opened desk (the host has already done configuration, keys and live
    /// confirmation, which it reports as the first entries in <paramref name="hostChecks"/>): config pin, account probe
    /// (active, trading not blocked), broker clock against <paramref name="localNow"/> (skipped for a virtual-clock
    /// exchange, whose clock is the market's by design), state storage (the desk's tables). A failure is published as
    /// PREFLIGHT_FAILED.
    /// </summary>
    public static async Task<PreflightReport> RunAsync(TradingDesk desk, IReadOnlyList<PreflightCheck> hostChecks, DateTimeOffset localNow, bool virtualClock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(hostChecks);
        var checks = new List<PreflightCheck>(hostChecks)
        {
            new(ConfigPin, true, desk.ConfigPin[..12] + "… (SHA-256 of the effective " + desk.Configuration.SourceName + ")"),
        };
        try
        {
            var account = await desk.Broker.GetAccountAsync(cancellationToken).ConfigureAwait(false);
            var active = string.Equals(account.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase) && !account.TradingBlocked;
            checks.Add(new(AccountProbe, active, string.Create(CultureInfo.InvariantCulture, $"{desk.Broker.Descriptor}: account {account.Id} {account.Status}{(account.TradingBlocked ? ", TRADING BLOCKED" : string.Empty)}, equity {account.Equity:0.00} {account.Currency}")));
            var clock = await desk.Broker.GetClockAsync(cancellationToken).ConfigureAwait(false);
            var skew = (clock.Now - localNow).Duration();
            checks.Add(virtualClock
                ? new(Clock, true, "virtual market clock at " + clock.Now.ToString("u", CultureInfo.InvariantCulture) + " (local exchange: skew not checked)")
                : new(Clock, skew <= MaxClockSkew, string.Create(CultureInfo.InvariantCulture, $"broker clock {clock.Now:u}, skew {skew.TotalSeconds:0.0} s (max {MaxClockSkew.TotalSeconds:0} s); market {(clock.IsOpen ? "open" : "closed")}")));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            checks.Add(new(AccountProbe, false, desk.Broker.Descriptor + ": " + e.GetType().Name + ": " + e.Message));
        }

        try
        {
            await desk.Switches.GetAsync(desk.AccountId, cancellationToken).ConfigureAwait(false);
            checks.Add(new(Storage, true, "kill switch, orders and ledger stores reachable"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            checks.Add(new(Storage, false, e.GetType().Name + ": " + e.Message));
        }

        var report = new PreflightReport(checks, desk.ConfigPin, desk.AccountId);
        foreach (var failed in checks.Where(c => !c.Passed))
        {
            desk.Events.Publish(new TradingEvent(EventCodes.PreflightFailed, EventLevel.Error, "preflight failed: " + failed.Name + ": " + failed.Detail, new Dictionary<string, object?>(StringComparer.Ordinal) { ["check"] = failed.Name, ["reason"] = failed.Detail }));
        }

        return report;
    }

    /// <summary>The host-side checks, from what the host could load: configuration, keys for the chosen broker, and live confirmation.</summary>
    public static IReadOnlyList<PreflightCheck> HostChecks(TradingConfiguration configuration, string brokerDescription, bool keysPresent, bool isLive, bool liveConfirmed)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return
        [
            new(Configuration, true, configuration.SourceName + ": mode " + configuration.Mode.ToWire() + ", profiles " + string.Join(", ", configuration.ProfileNames)),
            new(Keys, keysPresent, keysPresent ? "keys present for " + brokerDescription : "no API keys for " + brokerDescription),
            new(LiveConfirmation, !isLive || liveConfirmed, isLive ? (liveConfirmed ? "live trading confirmed (--live)" : "live broker chosen without --live") : "paper"),
        ];
    }
}
