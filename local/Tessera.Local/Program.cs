using Tessera.Local.Cli;

namespace Tessera.Local;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var context = CliContext.FromProcess();
        return await CliRoot.RunAsync(context, args).ConfigureAwait(false);
    }
}
