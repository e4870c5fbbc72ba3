using System.CommandLine;
using System.Reflection;
using Spectre.Console;

namespace Tessera.Local.Cli;

/// <summary><c>tessera version</c>: the build's version and runtime, for bug reports.</summary>
public static class VersionCommand
{
    public static Command Build(CliContext context)
    {
        var command = new Command("version", "Print the Tessera version and runtime");
        command.SetGuardedAction(context, (_, _) =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            context.Console.WriteLine($"tessera {version} on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
