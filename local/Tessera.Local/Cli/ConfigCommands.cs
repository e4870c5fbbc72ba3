using System.CommandLine;
using Spectre.Console;
using Tessera.Alpaca.Configuration;
using Tessera.Core.Errors;
using Tessera.Core.Secrets;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Research;
using Tessera.Orchestrations.Trading;
using Tessera.Storage.Configuration.Secrets;
using Tessera.Trading.Configuration;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera config check</c> (make config-check), the preflight of the seed: loads every configuration file exactly
/// as the hosts do (config/trading.yaml or TESSERA_TRADING_CONFIG, every sleeve profile, config/research.yaml or
/// TESSERA_RESEARCH_CONFIG), prints the config pin, then reports the presence of every secret (never its value) and
/// where it came from (environment, Key Vault, .env). Exit codes are the seed's preflight codes
/// (<see cref="ConfigCheckExitCodes"/>). Touches no storage and no broker.
/// </summary>
public static class ConfigCommands
{
    public static Command Build(CliContext context)
    {
        var config = new Command("config", "Configuration: validate the configuration files and the presence of the secrets");
        var brokerOption = new Option<string?>("--broker") { Description = "Check the keys of this broker (local, alpaca-paper, alpaca-live); default TESSERA_BROKER, else local" };
        var check = new Command("check", "Validate config/trading.yaml, config/profiles/*.yaml and config/research.yaml, print the config pin, report every secret's presence (exit 0 ok, 2 missing secret, 3 configuration error)");
        check.Options.Add(brokerOption);
        check.SetGuardedAction(context, async (parse, ct) =>
        {
            var requirements = new List<SecretRequirement>();
            var configurationValid = CheckFiles(context, requirements);
            try
            {
                var broker = BrokerSelection.ResolveTarget(parse.GetValue(brokerOption), context.Env);
                if (broker is BrokerTarget.AlpacaPaper or BrokerTarget.AlpacaLive)
                {
                    var reason = "--broker " + BrokerTargets.Name(broker);
                    requirements.Add(new SecretRequirement(TesseraSecrets.AlpacaKeyId, reason));
                    requirements.Add(new SecretRequirement(TesseraSecrets.AlpacaSecretKey, reason));
                }
            }
            catch (TesseraValidationException e)
            {
                Fail(context, "broker", e.Message);
                configurationValid = false;
            }

            ResolvedEnvironment secrets;
            try
            {
                secrets = context.Secrets ?? await SecretEnvironment.ResolveAsync(context.Environment, Directory.GetCurrentDirectory(), openVault: null, ct).ConfigureAwait(false);
            }
            catch (TesseraValidationException e)
            {
                // A malformed .env or vault URI: the secrets cannot be confirmed present.
                Fail(context, "secrets", e.Message);
                return ConfigCheckExitCodes.MissingSecrets;
            }
            catch (SecretSourceUnavailableException e)
            {
                // The same code tessera exits with at start-up when the vault cannot be read.
                Fail(context, "secrets", e.Message);
                return ConfigCheckExitCodes.SecretSourceUnavailable;
            }

            var rows = SecretPresence.Evaluate(secrets, requirements);
            PrintSecrets(context, secrets, rows);
            if (rows.Any(r => r.Missing))
            {
                return ConfigCheckExitCodes.MissingSecrets;
            }

            return configurationValid ? ConfigCheckExitCodes.Ok : ConfigCheckExitCodes.ConfigurationError;
        });
        config.Subcommands.Add(check);
        return config;
    }

    /// <summary>Each file is checked even when an earlier one failed, so one run lists every problem.</summary>
    private static bool CheckFiles(CliContext context, List<SecretRequirement> requirements)
    {
        var valid = true;
        try
        {
            var trading = TradingHostSettings.From(context.Env).LoadConfiguration();
            context.Console.MarkupLine($"[green]ok[/] {TerminalText.Escape(trading.SourceName)}: mode {trading.Mode.ToWire()}, profiles {TerminalText.Escape(string.Join(", ", trading.ProfileNames))} (default {TerminalText.Escape(trading.DefaultProfileName)}), scan {TerminalText.Escape(string.Join(" ", trading.Scan.Times))} New York over {trading.Scan.Universe.Count} symbol(s)");
            context.Console.MarkupLine($"   config pin {trading.ConfigPin}");
            foreach (var (channel, settings) in new[] { ("alerts.webhook", trading.Alerts.Webhook), ("alerts.email", trading.Alerts.Email), ("alerts.sms", trading.Alerts.Sms) })
            {
                if (settings.Enabled)
                {
                    requirements.Add(new SecretRequirement(settings.SecretName, channel + " is enabled"));
                }
            }
        }
        catch (TesseraValidationException e)
        {
            Fail(context, "trading configuration", e.Message);
            valid = false;
        }

        try
        {
            var catalog = ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR"));
            foreach (var name in catalog.Names())
            {
                try
                {
                    var profile = catalog.Get(name);
                    context.Console.MarkupLine($"[green]ok[/] profile {TerminalText.Escape(name)}: {TerminalText.Escape(profile.Description)}");
                }
                catch (TesseraValidationException e)
                {
                    Fail(context, "profile " + name, e.Message);
                    valid = false;
                }
            }
        }
        catch (TesseraValidationException e)
        {
            Fail(context, "profiles", e.Message);
            valid = false;
        }

        try
        {
            var research = ResearchConfiguration.Load(context.Env);
            context.Console.MarkupLine($"[green]ok[/] research configuration: regime symbol {TerminalText.Escape(research.Regime.Symbol)}");
        }
        catch (TesseraValidationException e)
        {
            Fail(context, "research configuration", e.Message);
            valid = false;
        }

        return valid;
    }

    private static void PrintSecrets(CliContext context, ResolvedEnvironment secrets, IReadOnlyList<SecretPresenceRow> rows)
    {
        var sources = "environment" + (secrets.KeyVault is { } vault ? ", Key Vault " + vault.Host : string.Empty) + (secrets.DotEnvPath is { } env ? ", " + env : string.Empty);
        context.Console.MarkupLine($"secrets (presence only, never values; sources: {TerminalText.Escape(sources)})");
        foreach (var row in rows)
        {
            var status = row switch
            {
                { Present: true } => $"[green]present[/]  {TerminalText.Escape(row.Variable)} ({TerminalText.Escape(row.Origin ?? "environment")})",
                { Missing: true } => $"[red]MISSING[/]  {TerminalText.Escape(row.Variable)}: required because {TerminalText.Escape(row.RequiredBecause!)}",
                _ => $"[grey]absent[/]   {TerminalText.Escape(row.Variable)} (optional here)",
            };
            context.Console.MarkupLine(status + $" [grey]- {TerminalText.Escape(row.Purpose)}[/]");
        }
    }

    private static void Fail(CliContext context, string what, string message) =>
        context.Error.WriteLine("error: " + what + ": " + Redaction.Text(message));
}

/// <summary>
/// Exit codes of <c>tessera config check</c>, the seed's preflight codes: 0 all checks passed, 2 a required secret is
/// missing (or the .env is malformed), 3 a configuration file is invalid (no config pin); a Key Vault that cannot be
/// read is 3 as well, as for every tessera command (ExitCodes.Unavailable).
/// </summary>
public static class ConfigCheckExitCodes
{
    public const int Ok = 0;

    public const int MissingSecrets = 2;

    public const int ConfigurationError = 3;

    public const int SecretSourceUnavailable = ExitCodes.Unavailable;
}
