using Tessera.Core.Secrets;
using Tessera.Local.Cli;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary>
/// `tessera config check`: every configuration file, then every secret's presence (never its value), with the seed's
/// preflight exit codes: 0 passed, 2 a required secret missing, 3 a configuration file invalid.
/// </summary>
public sealed class ConfigCommandsTests : IDisposable
{
    private const string Canary = "canary-7f3c9e1d-do-not-print";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("tessera-config-check-");
    private readonly string _dotEnv;

    public ConfigCommandsTests()
    {
        // Every test names its own .env, so a developer's .env at the repository root never leaks in.
        _dotEnv = Path.Combine(_dir.FullName, "test.env");
        File.WriteAllText(_dotEnv, "# empty\n");
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private TestCli Cli(Dictionary<string, string?>? extra = null)
    {
        var env = new Dictionary<string, string?> { [TesseraSecrets.DotEnvVariable] = _dotEnv };
        foreach (var (k, v) in extra ?? [])
        {
            env[k] = v;
        }

        return new TestCli(env);
    }

    [Fact]
    public async Task The_repository_configuration_passes_prints_the_pin_and_reports_a_present_secret_without_its_value()
    {
        var cli = Cli(new() { [TesseraSecrets.ApiKey] = Canary });
        Assert.Equal(ConfigCheckExitCodes.Ok, await cli.RunAsync("config", "check"));
        Assert.Contains("config pin ", cli.Out, StringComparison.Ordinal);
        Assert.Contains("ok profile default", cli.Out, StringComparison.Ordinal);
        Assert.Contains("ok research configuration", cli.Out, StringComparison.Ordinal);
        Assert.Contains($"present  {TesseraSecrets.ApiKey} (environment)", cli.Out, StringComparison.Ordinal);
        foreach (var secret in TesseraSecrets.All)
        {
            Assert.Contains(secret.Variable, cli.Out, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Canary, cli.Out + cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alpaca_broker_without_its_keys_exits_2_naming_both()
    {
        var cli = Cli();
        Assert.Equal(ConfigCheckExitCodes.MissingSecrets, await cli.RunAsync("config", "check", "--broker", "alpaca-paper"));
        Assert.Contains($"MISSING  {TesseraSecrets.AlpacaKeyId}: required because --broker alpaca-paper", cli.Out, StringComparison.Ordinal);
        Assert.Contains($"MISSING  {TesseraSecrets.AlpacaSecretKey}: required because --broker alpaca-paper", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_from_the_dotenv_file_satisfy_the_broker_and_their_source_is_named()
    {
        File.WriteAllText(_dotEnv, $"{TesseraSecrets.AlpacaKeyId}={Canary}\n{TesseraSecrets.AlpacaSecretKey}='{Canary}'\n");
        var cli = Cli(new() { ["TESSERA_BROKER"] = "alpaca-paper" });
        Assert.Equal(ConfigCheckExitCodes.Ok, await cli.RunAsync("config", "check"));
        Assert.Contains($"present  {TesseraSecrets.AlpacaKeyId} ({_dotEnv})", cli.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, cli.Out + cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enabled_alert_channel_requires_the_secret_the_configuration_names()
    {
        var config = Path.Combine(_dir.FullName, "trading.yaml");
        File.WriteAllText(config, File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "config", "trading.yaml"))
            .Replace("  webhook:\n    enabled: false\n    secret_name: TESSERA_ALERT_WEBHOOK_URL", "  webhook:\n    enabled: true\n    secret_name: OPS_HOOK_URL", StringComparison.Ordinal));
        var cli = Cli(new() { ["TESSERA_TRADING_CONFIG"] = config });
        Assert.Equal(ConfigCheckExitCodes.MissingSecrets, await cli.RunAsync("config", "check"));
        Assert.Contains("MISSING  OPS_HOOK_URL: required because alerts.webhook is enabled", cli.Out, StringComparison.Ordinal);

        var set = Cli(new() { ["TESSERA_TRADING_CONFIG"] = config, ["OPS_HOOK_URL"] = "https://hooks.example.test/" + Canary });
        Assert.Equal(ConfigCheckExitCodes.Ok, await set.RunAsync("config", "check"));
        Assert.Contains("present  OPS_HOOK_URL (environment)", set.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, set.Out + set.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_configuration_file_exits_3_naming_the_field_and_still_reports_the_secrets()
    {
        var config = Path.Combine(_dir.FullName, "trading.yaml");
        File.WriteAllText(config, File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "config", "trading.yaml"))
            .Replace("deferrals_per_hour_alert: 20", "deferrals_per_hour_alert: -5", StringComparison.Ordinal));
        var cli = Cli(new() { ["TESSERA_TRADING_CONFIG"] = config });
        Assert.Equal(ConfigCheckExitCodes.ConfigurationError, await cli.RunAsync("config", "check"));
        Assert.Contains("error: trading configuration:", cli.Error, StringComparison.Ordinal);
        Assert.Contains("deferrals_per_hour_alert", cli.Error, StringComparison.Ordinal);
        Assert.Contains("secrets (presence only", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_dotenv_exits_2_naming_its_line_never_the_value()
    {
        File.WriteAllText(_dotEnv, $"OK=1\n{TesseraSecrets.ApiKey}=\"{Canary}\n");
        var cli = Cli();
        Assert.Equal(ConfigCheckExitCodes.MissingSecrets, await cli.RunAsync("config", "check"));
        Assert.Contains($"{_dotEnv}:2", cli.Error, StringComparison.Ordinal);
        Assert.Contains(TesseraSecrets.ApiKey, cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, cli.Out + cli.Error, StringComparison.Ordinal);
    }
}
