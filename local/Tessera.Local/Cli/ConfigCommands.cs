using System.CommandLine;
using Spectre.Console;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Trading;
using Tessera.Trading.Configuration;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera config check</c> (make config-check): loads config/trading.yaml (or TESSERA_TRADING_CONFIG) and every
/// sleeve profile exactly as the hosts do, prints the config pin and what was found; the first invalid field is
/// exit 2 with its path, value and rule. Touches no storage and no broker.
/// </summary>
public static class ConfigCommands
{
    public static Command Build(CliContext context)
    {
        var config = new Command("config", "Configuration: validate the trading configuration and the sleeve profiles");
        var check = new Command("check", "Validate config/trading.yaml and config/profiles/*.yaml; print the config pin");
        check.SetGuardedAction(context, (parse, ct) =>
        {
            var settings = TradingHostSettings.From(context.Env);
            var trading = settings.LoadConfiguration();
            context.Console.MarkupLine($"[green]ok[/] {TerminalText.Escape(trading.SourceName)}: mode {trading.Mode.ToWire()}, profiles {TerminalText.Escape(string.Join(", ", trading.ProfileNames))} (default {TerminalText.Escape(trading.DefaultProfileName)}), scan {TerminalText.Escape(string.Join(" ", trading.Scan.Times))} New York over {trading.Scan.Universe.Count} symbol(s)");
            context.Console.MarkupLine($"   config pin {trading.ConfigPin}");
            var catalog = ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR"));
            foreach (var name in catalog.Names())
            {
                var profile = catalog.Get(name);
                context.Console.MarkupLine($"[green]ok[/] profile {TerminalText.Escape(name)}: {TerminalText.Escape(profile.Description)}");
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        config.Subcommands.Add(check);
        return config;
    }
}
