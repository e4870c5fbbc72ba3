using Tessera.Local.Cli;

namespace Tessera.Local;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var context = CliContext.FromProcess();
        // Exporters only when configured (Azure Monitor, OTLP); forensic_trace.json is recorded either way.
        using var telemetry = Hosting.LocalTelemetry.Start(context.Env);
        return await CliRoot.RunAsync(context, args).ConfigureAwait(false);
    }
}
