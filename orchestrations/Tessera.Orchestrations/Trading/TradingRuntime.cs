using Tessera.Orchestrations.Application.Http;
using Tessera.Storage.Blobs;
using Tessera.Storage.Tables;
using Tessera.Trading.Configuration;
using Tessera.Trading.Safety;
using Tessera.Trading.Events;

namespace Tessera.Orchestrations.Trading;

/// <summary>
/// The order path of one host process: settings, the desk factory, the application commands and the HTTP API, built
/// the same way by `tessera serve`, the CLI and the Functions app. <see cref="Enabled"/> gates only the scheduled
/// jobs; halt, resume, status and the ledger work whenever the configuration loads (a halt must never depend on a
/// scheduling flag).
/// </summary>
public sealed class TradingRuntime
{
    public TradingRuntime(TradingHostSettings settings, TradingConfiguration configuration, Func<string, string?> environment, IBlobStore blobs, ITableStore tables, ITradingEventPublisher events, HttpApiSettings http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        Settings = settings;
        Configuration = configuration;
        // The kill-switch matrix (config/kill_switch.yaml beside the trading configuration), validated at host start and
        // evaluated on the equity poll; its firings go to the governance chain and demote canaries.
        var killSwitchPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.ConfigPath)) ?? ".", KillSwitchConfig.FileName);
        KillSwitch = File.Exists(killSwitchPath) ? KillSwitchConfig.LoadFile(killSwitchPath) : null;
        if (KillSwitch?.BaseProfile is { } baseProfile)
        {
            configuration.Profile(baseProfile); // switch_to_base_profile's profile must exist: a typed error at start, not at the firing
        }

        var governance = KillSwitch is null ? null : Application.Governance.GovernanceParts.Create(blobs, tables, time);
        Services = TradingServicesFactory.Create(configuration, settings.ProfileName, () => settings.BrokerOptions(environment), blobs, tables, events, time, desk =>
        {
            if (KillSwitch is { } matrix && governance is not null)
            {
                // Readings from real sources (stream status row, the order manager's fills); actions executed on this desk.
                var readings = new MeasuredKillSwitchReadings(new SessionEquityReadings(desk.Openings), desk.Parts.Tables, desk.Orders.Orders);
                var enforcer = new KillSwitchEnforcer(desk, desk.KillSwitchActions, governance.Chain, matrix);
                desk.EquityPoll.KillSwitch = new KillSwitchWatch(matrix, readings, governance.Chain, governance.Service, enforcer);
            }
        });
        Commands = new TradingCommands(Services, time);
        Api = new TradingHttpApi(Commands, http);
    }

    public TradingHostSettings Settings { get; }

    /// <summary>The kill-switch matrix of this host, or null when no config/kill_switch.yaml sits beside the trading configuration.</summary>
    public KillSwitchConfig? KillSwitch { get; }

    public TradingConfiguration Configuration { get; }

    public bool Enabled => Settings.Enabled;

    public TradingServices Services { get; }

    public TradingCommands Commands { get; }

    public TradingHttpApi Api { get; }
}
