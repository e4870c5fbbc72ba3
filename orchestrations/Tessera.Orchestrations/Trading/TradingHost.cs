using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Rest;
using Tessera.Core.Errors;
using Tessera.Storage.Blobs;
using Tessera.Storage.Tables;
using Tessera.Trading.Configuration;
using Tessera.Trading.Desk;
using Tessera.Trading.Events;

namespace Tessera.Orchestrations.Trading;

/// <summary>
/// How a host turns its settings into the order path: the trading configuration (TESSERA_TRADING_CONFIG, else
/// config/trading.yaml found walking up from the working and application directories), the profile
/// (TESSERA_TRADING_PROFILE, else the configuration's default), the broker (TESSERA_BROKER: local, alpaca-paper,
/// alpaca-live; keys for that broker only; alpaca-live also needs TESSERA_LIVE_CONFIRMED=true), and whether the
/// scheduled trading jobs run at all (TESSERA_TRADING_ENABLED=true; off by default: a fresh deployment never trades
/// until someone turns it on). Used identically by the CLI, `tessera serve` and the Functions app.
/// </summary>
public sealed record TradingHostSettings(string ConfigPath, string? ProfileName, BrokerTarget Broker, bool LiveConfirmed, bool Enabled)
{
    public const string ConfigVariable = "TESSERA_TRADING_CONFIG";
    public const string ProfileVariable = "TESSERA_TRADING_PROFILE";
    public const string LiveVariable = "TESSERA_LIVE_CONFIRMED";
    public const string EnabledVariable = "TESSERA_TRADING_ENABLED";

    public static TradingHostSettings From(Func<string, string?> environment, string? brokerOption = null, bool? liveOption = null, bool? enabledOption = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new TradingHostSettings(
            environment(ConfigVariable) is { Length: > 0 } path ? path : LocateConfig(),
            environment(ProfileVariable) is { Length: > 0 } profile ? profile : null,
            BrokerSelection.ResolveTarget(brokerOption, environment),
            liveOption ?? Flag(environment, LiveVariable),
            enabledOption ?? Flag(environment, EnabledVariable));
    }

    public TradingConfiguration LoadConfiguration() => TradingConfigurationLoader.LoadFile(ConfigPath);

    /// <summary>The broker client options for the chosen broker (typed error when keys are missing or live is unconfirmed).</summary>
    public AlpacaClientOptions BrokerOptions(Func<string, string?> environment) => BrokerSelection.Resolve(Broker, environment, LiveConfirmed);

    private static bool Flag(Func<string, string?> environment, string name) => environment(name) switch
    {
        null or "" => false,
        var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1" => true,
        var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) || v == "0" => false,
        var v => throw new TesseraValidationException(name, v, "must be true or false"),
    };

    private static string LocateConfig()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "config", "trading.yaml");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(AppContext.BaseDirectory, TradingConfigurationLoader.DefaultPath);
    }
}

/// <summary>
/// Builds <see cref="TradingServices"/> that open the account's desk once per process (the account probe and the
/// broker clients are reused by every activity and timer) and again only after a failed open.
/// </summary>
public static class TradingServicesFactory
{
    /// <param name="broker">resolved at the first open, so missing keys are a typed error where the desk is used, not at host start.</param>
    /// <param name="opened">called once on the desk just opened (the host attaches the kill-switch watch to its equity poll).</param>
    public static TradingServices Create(TradingConfiguration configuration, string? profileName, Func<AlpacaClientOptions> broker, IBlobStore blobs, ITableStore tables, ITradingEventPublisher events, TimeProvider time, Action<TradingDesk>? opened = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var profile = profileName ?? configuration.DefaultProfileName;
        configuration.Profile(profile); // an unknown profile is a typed error now, not at the first trade
        var gate = new SemaphoreSlim(1, 1);
        TradingDesk? desk = null;
        return new TradingServices(async ct =>
        {
            if (desk is { } open)
            {
                return open;
            }

            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (desk is not null)
                {
                    return desk;
                }

                var options = broker();
                // The VIX of the Kelly taper: the imported series in this storage's lakehouse.
                var lakehouse = new Tessera.Storage.Lakehouse.Lakehouse(blobs, time);
                var parts = new TradingDeskParts(configuration, profile, new AlpacaBroker(options), new AlpacaMarketDataClient(options), blobs, tables, events, time)
                {
                    Vix = (day, token) => Tessera.Trading.Scan.LakehouseVix.ReadAsync(lakehouse, day, token),
                };
                var fresh = await TradingDesk.OpenAsync(parts, ct).ConfigureAwait(false);
                opened?.Invoke(fresh);
                return desk = fresh;
            }
            finally
            {
                gate.Release();
            }
        });
    }
}
