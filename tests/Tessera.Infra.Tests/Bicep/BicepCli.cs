using System.Diagnostics;
using System.Reflection;

namespace Tessera.Infra.Tests.Bicep;

/// <summary>
/// The Bicep compiler restored from NuGet (Azure.Bicep.CommandLine.linux-x64, a PackageDownload of this project).
/// NuGet extracts the binary without its execute bit, so the first use sets it.
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<string> Binary = new(Locate);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Diagnostics are the lines the compiler writes to stderr ("file(line,col) : Warning BCP037: ...").</summary>
        public IReadOnlyList<string> Diagnostics =>
            Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static Result Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Binary.Value)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        // No telemetry, no update check: the compiler must not reach the network.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bicep " + string.Join(' ', arguments) + " did not finish in 3 minutes");
        }

        return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepCliPath").Value
            ?? throw new InvalidOperationException("BicepCliPath metadata is empty");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("the Bicep CLI was not restored (PackageDownload Azure.Bicep.CommandLine.linux-x64)", path);
        }

        // The package is linux-x64 only (the tests run on Linux, as make test and CI do).
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the restored Bicep CLI is the linux-x64 build");
        }

        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
