using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Tessera.Local.Durable;

/// <summary>
/// The logger factory used when the caller gives none: warnings and errors, with their category, on stderr. Information
/// from <c>DurableTask.*</c> is far too chatty (a line per queue message), and stdout belongs to the host's own output.
/// </summary>
internal static class DefaultLogging
{
    public static ILoggerFactory CreateStderrWarnings() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Warning)
        .AddSimpleConsole(format =>
        {
            format.SingleLine = true;
            format.TimestampFormat = "HH:mm:ss ";
        })
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
}
