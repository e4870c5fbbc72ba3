using Spectre.Console;
using Tessera.Local.Cli;

namespace Tessera.Local.Tests;

/// <summary>Runs the tessera CLI in-process with captured output and an injected environment.</summary>
internal sealed class TestCli
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public TestCli(IReadOnlyDictionary<string, string?> environment)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_out),
        });
        console.Profile.Width = 200;
        Context = new CliContext(console, _err, environment);
    }

    public CliContext Context { get; }

    public string Out => _out.ToString();

    public string Error => _err.ToString();

    public Task<int> RunAsync(params string[] args) => CliRoot.RunAsync(Context, args);

    /// <summary>Runs a long-running command (serve, stream) until <paramref name="cancellationToken"/> stops it, as Ctrl-C would.</summary>
    public Task<int> RunUntilAsync(CancellationToken cancellationToken, params string[] args) => CliRoot.RunAsync(Context, args, cancellationToken);
}
