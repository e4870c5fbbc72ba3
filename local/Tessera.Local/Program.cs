using Tessera.Core.Errors;
using Tessera.Local.Cli;
using Tessera.Storage.Configuration.Secrets;

namespace Tessera.Local;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Secrets first: the environment, Key Vault when TESSERA_KEYVAULT_URI is set, the .env file (SecretEnvironment).
        ResolvedEnvironment secrets;
        try
        {
            secrets = await SecretEnvironment.ResolveAsync(SecretEnvironment.ProcessEnvironment(), Directory.GetCurrentDirectory(), openVault: null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TesseraValidationException e)
        {
            await Console.Error.WriteLineAsync("error: " + Redaction.Text(e.Message)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (SecretSourceUnavailableException e)
        {
            await Console.Error.WriteLineAsync("error: " + Redaction.Text(e.Message)).ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }

        SecretEnvironment.ApplyToProcess(secrets);
        var context = CliContext.FromProcess();
        context.Secrets = secrets;
        // Exporters only when configured (Azure Monitor, OTLP); forensic_trace.json is recorded either way.
        using var telemetry = Hosting.LocalTelemetry.Start(context.Env);
        return await CliRoot.RunAsync(context, args).ConfigureAwait(false);
    }
}
