using Spectre.Console;

namespace Tessera.Local.Cli;

/// <summary>What every command needs from its host: where to print and which environment it runs in.</summary>
public sealed class CliContext
{
    /// <summary>
    /// Both outputs are wrapped in the terminal sanitiser (<see cref="SanitizingConsole"/>, <see cref="SanitizingWriter"/>):
    /// nothing a command prints reaches the terminal with a raw control character.
    /// </summary>
    public CliContext(IAnsiConsole console, TextWriter error, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);
        Console = console as SanitizingConsole ?? new SanitizingConsole(console);
        Error = error as SanitizingWriter ?? new SanitizingWriter(error);
        Environment = environment;
    }

    public IAnsiConsole Console { get; }

    public TextWriter Error { get; }

    /// <summary>Environment variables, injectable for tests (never read secrets from elsewhere).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>The secret sources as the process resolved them at start-up (null in tests that inject an environment).</summary>
    public Tessera.Storage.Configuration.Secrets.ResolvedEnvironment? Secrets { get; set; }

    public static CliContext FromProcess()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in System.Environment.GetEnvironmentVariables())
        {
            env[(string)e.Key] = e.Value as string;
        }

        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            // Piped or logged output (CI, files): no escape codes, and no 80-column wrapping of every table.
            console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Out = new AnsiConsoleOutput(System.Console.Out),
            });
            console.Profile.Width = 160;
        }

        return new CliContext(console, System.Console.Error, env);
    }

    public string? Env(string name) => Environment.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
}
